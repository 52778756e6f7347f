/**
 * The {@code reactory} command line: {@code run} (the examples once, embedded), {@code serve} (the REST server),
 * and {@code start|status|pause|resume|cancel}, HTTP clients of a running server.
 */
package io.reactory.server.cli;
