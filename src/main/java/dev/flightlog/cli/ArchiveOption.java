package dev.flightlog.cli;

import dev.flightlog.ingest.Archive;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --archive} option of {@code serve} and {@code import}. */
final class ArchiveOption {

  @Option(
      names = "--archive",
      description =
          "Also append every transcript line read, redacted, to a compressed archive in"
              + " $FLIGHTLOG_HOME/archive, so that 'flightlog import' can read it again after"
              + " Claude Code deleted the transcript.")
  boolean archive;

  /** The archive to append to, or null without {@code --archive}. */
  @Nullable Archive archive(Environment environment) {
    return archive ? Archive.at(DataHome.prepare(environment.dataHome()).resolve("archive")) : null;
  }
}
