package io.reactory.server;

import io.reactory.server.cli.ConfigCommand;
import io.reactory.server.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reactory} command line: {@code ./reactory run}, {@code config validate}, {@code config migrate}, and later {@code serve}, {@code start}, ... */
@Command(name = "reactory", mixinStandardHelpOptions = true, version = "reactory 0.1.0",
        description = "Reactory, a durable workflow engine for the JVM.",
        subcommands = {RunCommand.class, ConfigCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
