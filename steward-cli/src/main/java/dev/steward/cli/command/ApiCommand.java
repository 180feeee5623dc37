package dev.steward.cli.command;

import dev.steward.cli.StewardCli;
import dev.steward.cli.http.StewardClient;

import java.util.concurrent.Callable;

/** A command that sends requests with the chosen profile; failures reach the CLI's exception handler. */
abstract class ApiCommand implements Callable<Integer> {

    protected final StewardCli cli;

    /** What the command exits with when it ran to the end (a watched job that failed sets it). */
    protected int exitCode = 0;

    ApiCommand(StewardCli cli) {
        this.cli = cli;
    }

    @Override
    public final Integer call() throws Exception {
        run(cli.client());
        return exitCode;
    }

    abstract void run(StewardClient client) throws Exception;
}
