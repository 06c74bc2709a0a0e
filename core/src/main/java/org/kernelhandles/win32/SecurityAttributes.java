package org.kernelhandles.win32;

/**
 * The part of {@code SECURITY_ATTRIBUTES} that matters to handles: whether the new handle is
 * inheritable. A null {@code SecurityAttributes} means no attributes, as NULL does in C.
 */
public record SecurityAttributes(boolean inheritHandle) {
    /** {@code SA_INHERIT} in scenarios: {@code bInheritHandle = TRUE}. */
    public static final SecurityAttributes INHERIT = new SecurityAttributes(true);
}
