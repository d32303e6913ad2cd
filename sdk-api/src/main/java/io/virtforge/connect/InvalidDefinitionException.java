package io.virtforge.connect;

/** libvirt refused a definition (invalid XML or configuration); the message is libvirt's. */
public class InvalidDefinitionException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public InvalidDefinitionException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
