package io.virtforge.connect;

/**
 * The connection to the hypervisor is gone (daemon restarted, network down); reconnect or open a new connection.
 * A connection this process closed throws {@link ConnectionClosedException} instead, which is not one of these.
 */
public class ConnectionLostException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public ConnectionLostException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
