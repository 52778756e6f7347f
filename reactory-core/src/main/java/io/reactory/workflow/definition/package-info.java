/**
 * The fluent builder DSL and the immutable definition graph it produces, keyed by (id, version), with its Mermaid
 * export. The specification's sequential, parallel, conditional and loop patterns, and more.
 */
package io.reactory.workflow.definition;
