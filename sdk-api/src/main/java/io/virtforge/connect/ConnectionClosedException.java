package io.virtforge.connect;

/**
 * A call on a connection (or on a domain handle of it) after this process closed it with
 * {@link VirtConnection#close()}; libvirt's code is VIR_ERR_INVALID_CONN (6). There is nothing to retry and
 * nothing to reconnect: open a new connection. It is not a {@link ConnectionLostException} on purpose:
 * callers catch that one to {@link VirtConnection#reconnect()} with a back-off, which a closed connection
 * refuses (with this exception), so such a loop would spin until it gave up instead of failing at once.
 */
public class ConnectionClosedException extends VirtException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; see {@link VirtException#VirtException(String, int, int, String)}. */
    public ConnectionClosedException(String message, int code, int errorDomain, String libvirtMessage) {
        super(message, code, errorDomain, libvirtMessage);
    }
}
