/**
 * The expression language of declarative workflows: CEL (Common Expression Language) in a sandbox. Expressions see
 * only the variables a place declares, call only CEL's standard functions, always terminate, and are bounded in
 * steps, iterations and the size of what they build.
 */
package io.reactory.workflow.config.expression;
