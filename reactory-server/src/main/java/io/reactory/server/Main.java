package io.reactory.server;

import io.reactory.server.cli.ClientCommands;
import io.reactory.server.cli.ConfigCommand;
import io.reactory.server.cli.RunCommand;
import io.reactory.server.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code reactory} command line: {@code run}, {@code serve}, {@code start|status|pause|resume|cancel} against a
 * running server, and {@code config validate|migrate}.
 */
@Command(name = "reactory", mixinStandardHelpOptions = true, version = "reactory 0.1.0",
        description = "Reactory, a durable workflow engine for the JVM.",
        subcommands = {RunCommand.class, ServeCommand.class, ClientCommands.Start.class, ClientCommands.Status.class,
                ClientCommands.Pause.class, ClientCommands.Resume.class, ClientCommands.Cancel.class, ConfigCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand (tests run it in-process). */
    public static CommandLine commandLine() {
        // no @file expansion: '--data @order.json' reads JSON, not more arguments
        return new CommandLine(new Main()).setExpandAtFiles(false);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
