package io.reactory.server.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** How the client commands reach a running server. */
final class ClientOptions {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:REACTORY_SERVER:-http://127.0.0.1:8080}",
            description = "The server (env REACTORY_SERVER; default ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:REACTORY_TOKEN}",
            description = "A bearer JWT (env REACTORY_TOKEN).")
    String token;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:REACTORY_API_KEY}",
            description = "An API key (env REACTORY_API_KEY; prefer the environment: flags show in process lists).")
    String apiKey;

    String credential() {
        return token != null && !token.isBlank() ? token : apiKey != null && !apiKey.isBlank() ? apiKey : null;
    }
}
