package dev.flightlog.store;

import java.sql.SQLException;
import java.util.Set;

/** The database could not be opened, migrated, written or read. The message says which and why. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * SQLite's primary result codes for conditions outside the database that may pass: busy and
   * locked (another program holds it), out of memory, read-only (the file or its folder), I/O error
   * (e.g. a write past the file size limit), full (the disk), cannot open (a journal file).
   */
  private static final Set<Integer> MAY_PASS = Set.of(5, 6, 7, 8, 10, 13, 14);

  StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  StoreException(String message) {
    super(message);
  }

  /**
   * Whether the failure may pass without anything changing in the database: a full disk, a
   * read-only file system or file, an I/O error, a lock held by another program. Such a write can
   * be tried again later; a constraint or schema error cannot.
   */
  public boolean mayPass() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return MAY_PASS.contains(sql.getErrorCode() & 0xff);
      }
    }
    return false;
  }
}
