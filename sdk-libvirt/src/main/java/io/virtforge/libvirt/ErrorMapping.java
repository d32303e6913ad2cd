package io.virtforge.libvirt;

import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtException;
import io.virtforge.libvirt.jna.NativeLibvirtException;
import java.util.List;
import java.util.Locale;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/**
 * Turns libvirt's errors (from libvirt-java's {@link LibvirtException} or the JNA layer's
 * {@link NativeLibvirtException}) into the SDK's typed {@link VirtException}s, keeping libvirt's code,
 * error domain and message. The rules, checked against libvirt 9.0's test and QEMU drivers (see
 * {@code ErrorMappingIT}):
 *
 * <table>
 *   <caption>libvirt error to exception</caption>
 *   <tr><th>libvirt</th><th>exception</th></tr>
 *   <tr><td>error domain RPC (7) or REMOTE (13) with SYSTEM_ERROR 38 ("Cannot recv data: Connection reset
 *       by peer" during a call when libvirtd dies, "End of file while reading data", "Cannot write data",
 *       "Failed to connect socket" / "unable to connect to server" when opening) or INTERNAL_ERROR 1 saying "client socket is
 *       closed" or "connection closed" (also "connection closed due to keepalive timeout"); RPC 39;
 *       NO_CONNECT 5 (but see NotSupported); INVALID_CONN 6</td>
 *       <td>{@link ConnectionLostException}</td></tr>
 *   <tr><td>NO_DOMAIN 42, NO_NETWORK 43, NO_STORAGE_POOL 49, NO_STORAGE_VOL 50, NO_NODE_DEVICE 53,
 *       NO_INTERFACE 57, NO_NWFILTER 62, NO_SECRET 66, NO_DOMAIN_SNAPSHOT 72, NO_DOMAIN_METADATA 80,
 *       DEVICE_MISSING 99, NO_DOMAIN_CHECKPOINT 103 ...</td><td>{@link NotFoundException}</td></tr>
 *   <tr><td>DOM_EXIST 28, NETWORK_EXIST 37, STORAGE_VOL_EXIST 90; OPERATION_FAILED 9 or
 *       OPERATION_INVALID 55 whose message says "already exists" or "is already defined" (what
 *       libvirt 9.0 really reports for a second domain of a name with another UUID)</td>
 *       <td>{@link AlreadyExistsException}</td></tr>
 *   <tr><td>XML_ERROR 27, XML_DETAIL 35, CONFIG_UNSUPPORTED 67, INVALID_ARG 8, XML_INVALID_SCHEMA 92</td>
 *       <td>{@link InvalidDefinitionException}</td></tr>
 *   <tr><td>NO_SUPPORT 3, ARGUMENT_UNSUPPORTED 74, OPERATION_UNSUPPORTED 84; INVALID_ARG 8 saying
 *       "unsupported flags (0x..) in function ..." (a driver that does not take e.g. the CONFIG flag);
 *       NO_CONNECT 5 saying "no connection driver available" (a URI no driver of this libvirt opens)</td>
 *       <td>{@link NotSupportedException}</td></tr>
 *   <tr><td>OPERATION_INVALID 55; INTERNAL_ERROR 1 saying a domain "is already running", "not
 *       running" or "not paused" (the test driver's wording for the QEMU driver's 55)</td>
 *       <td>{@link InvalidStateException}</td></tr>
 *   <tr><td>a start whose failure names missing huge pages or memory ("unable to map backing store",
 *       "Cannot allocate memory", "hugetlbfs filesystem is not mounted", "Insufficient free host
 *       memory pages")</td><td>{@link HostResourceException}</td></tr>
 *   <tr><td>anything else</td><td>{@link VirtException}</td></tr>
 * </table>
 *
 * <p>Stateless and thread-safe.
 */
final class ErrorMapping {
    // libvirt's virErrorNumber values (stable ABI)
    static final int INTERNAL_ERROR = 1;
    static final int NO_SUPPORT = 3;
    static final int NO_CONNECT = 5;
    static final int INVALID_CONN = 6;
    static final int INVALID_ARG = 8;
    static final int OPERATION_FAILED = 9;
    static final int XML_ERROR = 27;
    static final int DOM_EXIST = 28;
    static final int XML_DETAIL = 35;
    static final int NETWORK_EXIST = 37;
    static final int SYSTEM_ERROR = 38;
    static final int RPC = 39;
    static final int NO_DOMAIN = 42;
    static final int NO_NETWORK = 43;
    static final int NO_STORAGE_POOL = 49;
    static final int NO_STORAGE_VOL = 50;
    static final int NO_NODE_DEVICE = 53;
    static final int OPERATION_INVALID = 55;
    static final int NO_INTERFACE = 57;
    static final int NO_NWFILTER = 62;
    static final int NO_SECRET = 66;
    static final int CONFIG_UNSUPPORTED = 67;
    static final int NO_DOMAIN_SNAPSHOT = 72;
    static final int ARGUMENT_UNSUPPORTED = 74;
    static final int NO_DOMAIN_METADATA = 80;
    static final int OPERATION_UNSUPPORTED = 84;
    static final int STORAGE_VOL_EXIST = 90;
    static final int XML_INVALID_SCHEMA = 92;
    static final int DEVICE_MISSING = 99;
    static final int NO_NWFILTER_BINDING = 101;
    static final int NO_DOMAIN_CHECKPOINT = 103;
    static final int NO_DOMAIN_BACKUP = 104;
    static final int NO_NETWORK_PORT = 107;

    // libvirt's virErrorDomain values
    static final int FROM_NONE = 0;
    static final int FROM_RPC = 7;
    static final int FROM_REMOTE = 13;

    private static final List<String> HOST_RESOURCE_MARKERS = List.of("unable to map backing store",
            "cannot allocate memory", "hugetlbfs filesystem is not mounted",
            "unable to find any usable hugetlbfs mount", "insufficient free host memory pages",
            "not enough free memory", "os_mem_prealloc");

    private ErrorMapping() {
    }

    /** The kind of failing call, which decides whether resource messages mean {@link HostResourceException}. */
    enum Call {
        /** Any call. */
        GENERAL,
        /** Starting a domain (start, create): where missing pages or memory show up. */
        START
    }

    /** Maps a libvirt-java exception. */
    static VirtException map(String operation, LibvirtException e) {
        return map(operation, e, Call.GENERAL);
    }

    /** Maps a libvirt-java exception raised by a call of the given kind. */
    static VirtException map(String operation, LibvirtException e, Call call) {
        Error err = e.getError();
        int code = err == null ? 0 : number(err.getCode());
        int domain = err == null ? 0 : number(err.getDomain());
        String message = err == null ? e.getMessage() : err.getMessage();
        VirtException mapped = map(operation, code, domain, message, call);
        mapped.initCause(e);
        return mapped;
    }

    /** Maps an exception of the JNA bindings. */
    static VirtException map(String operation, NativeLibvirtException e) {
        return map(operation, e, Call.GENERAL);
    }

    /** Maps an exception of the JNA bindings raised by a call of the given kind. */
    static VirtException map(String operation, NativeLibvirtException e, Call call) {
        VirtException mapped = map(operation, e.code(), e.domain(), e.libvirtMessage(), call);
        mapped.initCause(e);
        return mapped;
    }

    /**
     * The exception for libvirt's error details.
     *
     * @param operation what the SDK was doing, for the message
     * @param code libvirt's virErrorNumber
     * @param domain libvirt's virErrorDomain
     * @param libvirtMessage libvirt's message (may be null)
     * @param call the kind of call
     */
    static VirtException map(String operation, int code, int domain, String libvirtMessage, Call call) {
        String msg = libvirtMessage == null ? "" : libvirtMessage;
        String text = operation + " failed: " + (msg.isEmpty() ? "(no message from libvirt)" : msg)
                + " [libvirt code " + code + ", domain " + domain + "]";
        return switch (kind(code, domain, msg, call)) {
            case CONNECTION_LOST -> new ConnectionLostException(text, code, domain, msg);
            case NOT_FOUND -> new NotFoundException(text, code, domain, msg);
            case ALREADY_EXISTS -> new AlreadyExistsException(text, code, domain, msg);
            case INVALID_DEFINITION -> new InvalidDefinitionException(text, code, domain, msg);
            case NOT_SUPPORTED -> new NotSupportedException(text, code, domain, msg);
            case INVALID_STATE -> new InvalidStateException(text, code, domain, msg);
            case HOST_RESOURCE -> new HostResourceException(text, code, domain, msg);
            default -> new VirtException(text, code, domain, msg);
        };
    }

    /** The exception kinds, in the order the rules are tried. */
    enum Kind {
        CONNECTION_LOST, NOT_FOUND, ALREADY_EXISTS, INVALID_DEFINITION, NOT_SUPPORTED, INVALID_STATE,
        HOST_RESOURCE, OTHER
    }

    /** Classifies libvirt's error details. */
    static Kind kind(int code, int domain, String message, Call call) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (connectionLost(code, domain, m)) {
            return Kind.CONNECTION_LOST;
        }
        if (code == NO_CONNECT) {
            return Kind.NOT_SUPPORTED; // "no connection driver available for nosuchdriver:///": no driver for the URI
        }
        if (code == INVALID_ARG && m.contains("unsupported flags")) {
            return Kind.NOT_SUPPORTED; // virCheckFlags: a valid flag (e.g. AFFECT_CONFIG) this driver does not take
        }
        switch (code) {
            case NO_DOMAIN, NO_NETWORK, NO_STORAGE_POOL, NO_STORAGE_VOL, NO_NODE_DEVICE, NO_INTERFACE, NO_NWFILTER,
                    NO_SECRET, NO_DOMAIN_SNAPSHOT, NO_DOMAIN_METADATA, DEVICE_MISSING, NO_NWFILTER_BINDING,
                    NO_DOMAIN_CHECKPOINT, NO_DOMAIN_BACKUP, NO_NETWORK_PORT:
                return Kind.NOT_FOUND;
            case DOM_EXIST, NETWORK_EXIST, STORAGE_VOL_EXIST:
                return Kind.ALREADY_EXISTS;
            case XML_ERROR, XML_DETAIL, CONFIG_UNSUPPORTED, INVALID_ARG, XML_INVALID_SCHEMA:
                return Kind.INVALID_DEFINITION;
            case NO_SUPPORT, ARGUMENT_UNSUPPORTED, OPERATION_UNSUPPORTED:
                return Kind.NOT_SUPPORTED;
            default:
                break;
        }
        if ((code == OPERATION_FAILED || code == OPERATION_INVALID)
                && (m.contains("already exists") || m.contains("is already defined"))) {
            return Kind.ALREADY_EXISTS;
        }
        if (call == Call.START && (code == INTERNAL_ERROR || code == OPERATION_FAILED || code == SYSTEM_ERROR
                || code == CONFIG_UNSUPPORTED) && HOST_RESOURCE_MARKERS.stream().anyMatch(m::contains)) {
            return Kind.HOST_RESOURCE;
        }
        if (code == OPERATION_INVALID) {
            return Kind.INVALID_STATE;
        }
        if (code == INTERNAL_ERROR && (m.contains("is already running") || m.contains("not running")
                || m.contains("not paused"))) {
            return Kind.INVALID_STATE;
        }
        return Kind.OTHER;
    }

    private static boolean connectionLost(int code, int domain, String m) {
        if (code == NO_CONNECT && m.contains("no connection driver available")) {
            return false; // an unknown URI scheme: not a lost connection (NotSupported, below)
        }
        if (code == NO_CONNECT || code == INVALID_CONN || code == RPC) {
            return true;
        }
        if (domain == FROM_RPC || domain == FROM_REMOTE) {
            if (code == SYSTEM_ERROR) {
                return true;
            }
            if (code == INTERNAL_ERROR) {
                // "client socket is closed"; "connection closed due to keepalive timeout"
                return m.contains("client socket is closed") || m.contains("connection closed");
            }
        }
        return code == INTERNAL_ERROR && m.contains("client socket is closed");
    }

    /** libvirt's number for one of libvirt-java's enum constants (declared in libvirt's order); -1 if unknown. */
    static int number(Enum<?> constant) {
        if (constant == null) {
            return 0;
        }
        return constant.name().equals("VIR_ERR_UNKNOWN") || constant.name().equals("VIR_FROM_UNKNOWN") ? -1
                : constant.ordinal();
    }
}
