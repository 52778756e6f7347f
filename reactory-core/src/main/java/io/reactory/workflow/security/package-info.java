/**
 * The specification's SecurityManager ({@link io.reactory.workflow.security.WorkflowSecurityManager}): who is
 * calling ({@link io.reactory.workflow.security.User} from a JWT or an API key), what they may do (roles, permissions,
 * namespaces, the per-workflow {@code security} configuration), how often (token-bucket rate limits), and what they
 * did (a hash-chained audit log and security events in the workflow store). No web framework here: the server and
 * the AMQP adapter call it, and starts from any channel pass its start interceptor.
 */
package io.reactory.workflow.security;
