/** The in-memory store: same semantics as the durable stores, data kept by reference. */
package io.reactory.workflow.persistence.memory;
