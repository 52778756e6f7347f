package io.reactory.server.cli;

import picocli.CommandLine;

/** Registers the subcommands (their classes stay package-private). */
public final class Commands {
    private Commands() {}

    public static CommandLine addTo(CommandLine root) {
        return root.addSubcommand(new RunCommand())
                .addSubcommand(new ServeCommand())
                .addSubcommand(new ClientCommands.Start())
                .addSubcommand(new ClientCommands.Status())
                .addSubcommand(new ClientCommands.Pause())
                .addSubcommand(new ClientCommands.Resume())
                .addSubcommand(new ClientCommands.Cancel());
    }
}
