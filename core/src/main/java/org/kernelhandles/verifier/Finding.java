package org.kernelhandles.verifier;

import java.util.List;

/**
 * One misuse the verifier saw (R41), with both places involved: where it happened, and the places
 * that explain it (the first close of a double close, the close and the new occupant's creation for
 * a recycled value, the creation of a leaked handle).
 *
 * @param kind what went wrong
 * @param site where it happened (for a leak: where the handle was made)
 * @param related the other places involved, in the order the message names them
 * @param process the image of the process whose handle it is
 * @param handle the handle value
 * @param variable the scenario variable the value came from, or null
 * @param message a sentence that names the handle, the object and both places
 * @param identity which handle it is (process id, value, generation) where one is known: the leaked
 *     handle of a {@code LEAK}; null otherwise. A holder of {@link Verifier#stamp stamps} can tell
 *     by it which of its copies the finding is about, also in another process at the same value.
 */
public record Finding(Kind kind, Site site, List<Site> related, String process, long handle, String variable,
        String message, Verifier.Stamp identity) {

    public Finding {
        related = List.copyOf(related);
    }

    public Finding(Kind kind, Site site, List<Site> related, String process, long handle, String variable,
            String message) {
        this(kind, site, related, process, handle, variable, message, null);
    }

    /** The kinds of misuse, as Application Verifier's handle checks name them and more. */
    public enum Kind {
        /** A handle still open when its process exits or the run ends. */
        LEAK,
        /** A close of a value already closed. */
        DOUBLE_CLOSE,
        /** A call through a value that was closed and names nothing now. */
        USE_AFTER_CLOSE,
        /** A call through a value that was closed and now names another object. */
        RECYCLED_USE,
        /** A close of a handle protected from close (R15). */
        PROTECTED_CLOSE,
        /** A handle of the wrong type for the call (R33). */
        WRONG_TYPE,
        /** A handle without the access the call needs (R32). */
        ACCESS_DENIED,
        /** A value that never named a handle of the process. */
        INVALID_HANDLE
    }
}
