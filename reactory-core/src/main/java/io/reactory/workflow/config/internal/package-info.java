/**
 * How configuration is read: safe YAML to positioned node trees, environment overlays, binding to records with
 * every problem located, the checks that span files, declarative definitions. Not API.
 */
package io.reactory.workflow.config.internal;
