package org.sigmoidbook.site;

/** Why no site was written, with the exit status that says so: 2 for bad usage, 1 for a failed build or write. */
public final class SiteException extends Exception {

    private final int exitStatus;

    private SiteException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    static SiteException usage(String message) {
        return new SiteException(Site.USAGE, message, null);
    }

    static SiteException failed(String message) {
        return new SiteException(Site.FAILED, message, null);
    }

    static SiteException failed(String message, Throwable cause) {
        return new SiteException(Site.FAILED, message, cause);
    }

    public int exitStatus() {
        return exitStatus;
    }
}
