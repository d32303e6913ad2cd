package io.virtforge.connect;

/** An object with that name or UUID already exists (e.g. defining a second domain of a name with another UUID). */
public class AlreadyExistsException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public AlreadyExistsException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
