package dev.flightlog.install;

/**
 * Why wiring Claude Code to flightlog could not be done; the message names the file and says what
 * to do. Nothing was changed when it is thrown.
 */
public final class InstallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InstallException(String message) {
    super(message);
  }

  InstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
