/**
 * The REST API of the specification (and what users need around it) on Javalin: one gate per route that
 * authenticates, rate-limits, runs the handler, maps every failure to {@code application/problem+json} in one place
 * ({@link io.reactory.server.http.ProblemMapper}) and writes the audit trail. The engine, security and stores come
 * from {@code reactory-core}; this package only translates HTTP. It also serves the web dashboard's static files at
 * {@code /ui/} ({@code Dashboard}; the files are {@code resources/dashboard/}), which reads everything through this
 * API with the user's credentials, and keeps the short history its overview charts ({@code MetricsHistory}).
 */
package io.reactory.server.http;
