/** The runnable jar's entry point: the {@code reactory} command line ({@link io.reactory.server.Main}). */
package io.reactory.server;
