/**
 * The ConfigurationManager: YAML workflow and schedule configuration as the specification writes it, validation with
 * file, line and field, hot reload, environments and migration between them.
 */
package io.reactory.workflow.config;
