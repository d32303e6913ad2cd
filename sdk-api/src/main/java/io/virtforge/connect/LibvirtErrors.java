package io.virtforge.connect;

import java.util.List;
import java.util.Locale;

/**
 * The one classification of libvirt's errors into the SDK's exceptions, used by every provider: sdk-libvirt
 * passes what libvirt reported, the fake passes the code, error domain and message libvirt 9.0 gives for the
 * same misuse, and both get the class from here, so the same error is the same class everywhere. The class is
 * chosen from libvirt's error code ({@code virErrorNumber}) and error domain ({@code virErrorDomain}); where a
 * code is too coarse to say what a caller should do (SYSTEM_ERROR 38, INTERNAL_ERROR 1, OPERATION_INVALID 55
 * cover very different failures), a documented message pattern decides. The rules are tried top to bottom;
 * messages are matched case-insensitively and as libvirt 9.0 words them (its test and QEMU drivers; see
 * sdk-libvirt's {@code ErrorMappingIT} and sdk-fake's {@code evidence/libvirt-9.0}).
 *
 * <table>
 *   <caption>libvirt error to exception, and what a caller should do</caption>
 *   <tr><th>libvirt</th><th>exception</th><th>what a caller should do</th></tr>
 *   <tr><td>INVALID_CONN 6 ("invalid connection pointer in ...": the connection was closed)</td>
 *       <td>{@link ConnectionClosedException}</td>
 *       <td>nothing to retry: this process closed the connection (a bug in the caller's lifecycle); open a
 *       new one. {@code reconnect()} refuses a closed connection.</td></tr>
 *   <tr><td>error domain RPC 7 or REMOTE 13 with SYSTEM_ERROR 38 ("Cannot recv data", "End of file while
 *       reading data", "Cannot write data", "Failed to connect socket"); INTERNAL_ERROR 1 saying "client
 *       socket is closed" (any domain) or, from RPC/REMOTE, "connection closed" (also "... due to keepalive
 *       timeout"); RPC 39; NO_CONNECT 5 (except the row below)</td>
 *       <td>{@link ConnectionLostException}</td>
 *       <td>the daemon or the network went away: {@code reconnect()} with a back-off, re-read the state
 *       the caller depends on (events were lost), then retry the call if it is idempotent</td></tr>
 *   <tr><td>NO_CONNECT 5 saying "no connection driver available" (a URI no driver of this libvirt opens);
 *       INVALID_ARG 8 saying "unsupported flags" (a driver that does not take e.g. the CONFIG flag) or that the
 *       LIVE and CONFIG flags "are mutually exclusive" (a driver that cannot change both in one call);
 *       NO_SUPPORT 3, ARGUMENT_UNSUPPORTED 74, OPERATION_UNSUPPORTED 84; SYSTEM_ERROR 38 "Cannot find 'mdevctl'"
 *       (mediated devices on a host without mdevctl); INTERNAL_ERROR 1 "Device is not a fibre channel HBA" (the test
 *       driver creating a node device other than a vHBA)</td>
 *       <td>{@link NotSupportedException}</td>
 *       <td>do not retry: this driver or hypervisor cannot do it; use another scope or way, or another
 *       host or driver</td></tr>
 *   <tr><td>"the host lacks it" patterns, any call: CONFIG_UNSUPPORTED 67 "NUMA node N is
 *       unavailable" (numatune to a node the host lacks); SYSTEM_ERROR 38 writing {@code cpuset.cpus}:
 *       "Numerical result out of range", or "cannot set CPU affinity ...: Invalid argument" where there is no
 *       cpuset controller (a pin to a CPU the host lacks, at start or live);
 *       OPERATION_INVALID 55 "failed to set cpuset.cpus in cgroup" (a live emulator pin to such a CPU),
 *       "PCI device ... is in use by driver" (another domain holds it), "must be manually detached from
 *       the host" (an unmanaged device still on its host driver), "blkio device weight is valid only for bfq or
 *       cfq scheduler" (blkio weights where the host's I/O scheduler has none); CONFIG_UNSUPPORTED 67 "host
 *       doesn't support passthrough of host PCI devices" (no IOMMU) or "Emulator ... does not support virt type"
 *       (e.g. kvm without a usable /dev/kvm); SYSTEM_ERROR 38 "Cannot check QEMU binary" (an emulator the host
 *       lacks, at define); INTERNAL_ERROR 1 from a {@code tc} child saying "qdisc kind is unknown" (live
 *       bandwidth where the kernel lacks the discipline) or, from mdevctl, "No available instances of", "does not
 *       support mdev type", "is not currently registered for mdev support" (a mediated device type with none left, or
 *       a parent without it); OPERATION_FAILED 9 "page size N is not
 *       available on node M" (free pages of a size the node has no pool of). At start or create only: INTERNAL_ERROR
 *       1, OPERATION_FAILED 9, SYSTEM_ERROR 38 naming missing memory or huge pages ("unable to map backing
 *       store", "Cannot allocate memory", "hugetlbfs filesystem is not mounted", "Unable to find any usable
 *       hugetlbfs mount", "Insufficient free host memory pages", "not enough free memory",
 *       "os_mem_prealloc") or a VFIO group "is not viable"</td>
 *       <td>{@link HostResourceException}</td>
 *       <td>the request is well-formed but this host, as it is now, lacks what it needs (a CPU, a NUMA
 *       node, memory, huge pages or a pool of their size, a free or detached device): re-plan against the host's current state,
 *       free or prepare the resource, or place the domain on another host</td></tr>
 *   <tr><td>NO_DOMAIN 42, NO_NETWORK 43, NO_STORAGE_POOL 49, NO_STORAGE_VOL 50, NO_NODE_DEVICE 53,
 *       NO_INTERFACE 57, NO_NWFILTER 62, NO_SECRET 66, NO_DOMAIN_SNAPSHOT 72, NO_DOMAIN_METADATA 80,
 *       DEVICE_MISSING 99, NO_NWFILTER_BINDING 101, NO_DOMAIN_CHECKPOINT 103, NO_DOMAIN_BACKUP 104,
 *       NO_NETWORK_PORT 107; INTERNAL_ERROR 1 "start cell N out of range" (a host NUMA node that does not
 *       exist, e.g. free pages of node 7); CONFIG_UNSUPPORTED 67 "invalid parent device" (a mediated device's
 *       parent the host lacks); SYSTEM_ERROR 38 "Device ... not found: could not access" (a host
 *       PCI device that does not exist) or "Cannot access storage file" (a disk image that is not there, at
 *       start)</td>
 *       <td>{@link NotFoundException}</td>
 *       <td>the object is gone or never existed: look it up again or refresh the view of the host
 *       ({@code lookup} answers empty instead of throwing)</td></tr>
 *   <tr><td>DOM_EXIST 28, NETWORK_EXIST 37, STORAGE_VOL_EXIST 90; OPERATION_FAILED 9 or OPERATION_INVALID
 *       55 saying "already exists" or "is already defined" (what libvirt 9.0 reports for a second domain of a
 *       name with another UUID, or a disk target the configuration has); INTERNAL_ERROR 1 "Unable to start mediated
 *       device: Error: Device already exists" (mdevctl: a UUID that is active)</td>
 *       <td>{@link AlreadyExistsException}</td>
 *       <td>use the existing object, or pick another name, UUID or target</td></tr>
 *   <tr><td>XML_ERROR 27, XML_DETAIL 35, CONFIG_UNSUPPORTED 67, INVALID_ARG 8, XML_INVALID_SCHEMA 92;
 *       INTERNAL_ERROR 1 from the domain configuration component (error domain DOMAIN 20) on a define or
 *       start (libvirt's post-parse checks, e.g. "Number of CPUs in &lt;numa&gt; exceeds the &lt;vcpu&gt;
 *       count"); SYSTEM_ERROR 38 "File name too long" (a domain name too long for its configuration
 *       file)</td>
 *       <td>{@link InvalidDefinitionException}</td>
 *       <td>fix the definition or the argument (a vCPU, I/O thread, memory size, disk or device the domain
 *       does not have); the same call will fail again on any host</td></tr>
 *   <tr><td>OPERATION_INVALID 55; INTERNAL_ERROR 1 saying a domain "is already running", "not running" or
 *       "not paused" (the test driver's wording for the QEMU driver's 55), or "Unable to destroy 'N': device in use"
 *       (a mediated device a running domain has)</td>
 *       <td>{@link InvalidStateException}</td>
 *       <td>read the object's state, bring it into the state the call needs (start, stop, make persistent),
 *       then call again</td></tr>
 *   <tr><td>anything else</td><td>{@link VirtException}</td>
 *       <td>an unexpected failure: log libvirt's code, domain and message; retrying rarely helps</td></tr>
 * </table>
 *
 * <p>A call after {@code close()} never reaches libvirt: every provider throws
 * {@link ConnectionClosedException} with INVALID_CONN itself ({@link #closed(String)}).
 *
 * <p>Stateless and thread-safe.
 */
public final class LibvirtErrors {
    // ---- libvirt's virErrorNumber values (stable ABI, virterror.h)
    /** Internal error: libvirt's catch-all, also what the test driver uses for most state misuse. */
    public static final int VIR_ERR_INTERNAL_ERROR = 1;
    /** The driver does not implement the function. */
    public static final int VIR_ERR_NO_SUPPORT = 3;
    /** No connection driver for the URI, or the daemon cannot be reached. */
    public static final int VIR_ERR_NO_CONNECT = 5;
    /** Invalid connection pointer: the connection was closed. */
    public static final int VIR_ERR_INVALID_CONN = 6;
    /** Invalid argument. */
    public static final int VIR_ERR_INVALID_ARG = 8;
    /** Operation failed (e.g. a domain name taken by another UUID). */
    public static final int VIR_ERR_OPERATION_FAILED = 9;
    /** A definition without a name. */
    public static final int VIR_ERR_NO_NAME = 21;
    /** Invalid XML or a configuration the parser rejects. */
    public static final int VIR_ERR_XML_ERROR = 27;
    /** A domain of that name or UUID exists. */
    public static final int VIR_ERR_DOM_EXIST = 28;
    /** Detail of an XML parse error. */
    public static final int VIR_ERR_XML_DETAIL = 35;
    /** A network of that name exists. */
    public static final int VIR_ERR_NETWORK_EXIST = 37;
    /** A system call failed. */
    public static final int VIR_ERR_SYSTEM_ERROR = 38;
    /** An RPC error. */
    public static final int VIR_ERR_RPC = 39;
    /** No such domain. */
    public static final int VIR_ERR_NO_DOMAIN = 42;
    /** No such network. */
    public static final int VIR_ERR_NO_NETWORK = 43;
    /** No such storage pool. */
    public static final int VIR_ERR_NO_STORAGE_POOL = 49;
    /** No such storage volume. */
    public static final int VIR_ERR_NO_STORAGE_VOL = 50;
    /** No such node device. */
    public static final int VIR_ERR_NO_NODE_DEVICE = 53;
    /** The operation is not valid in the object's current state. */
    public static final int VIR_ERR_OPERATION_INVALID = 55;
    /** No such host interface. */
    public static final int VIR_ERR_NO_INTERFACE = 57;
    /** No such network filter. */
    public static final int VIR_ERR_NO_NWFILTER = 62;
    /** No such secret. */
    public static final int VIR_ERR_NO_SECRET = 66;
    /** A configuration the host or driver does not support. */
    public static final int VIR_ERR_CONFIG_UNSUPPORTED = 67;
    /** No such domain snapshot. */
    public static final int VIR_ERR_NO_DOMAIN_SNAPSHOT = 72;
    /** A valid argument this driver does not support. */
    public static final int VIR_ERR_ARGUMENT_UNSUPPORTED = 74;
    /** No such domain metadata. */
    public static final int VIR_ERR_NO_DOMAIN_METADATA = 80;
    /** The operation is not supported. */
    public static final int VIR_ERR_OPERATION_UNSUPPORTED = 84;
    /** A storage volume of that name exists. */
    public static final int VIR_ERR_STORAGE_VOL_EXIST = 90;
    /** The XML does not validate against libvirt's schema. */
    public static final int VIR_ERR_XML_INVALID_SCHEMA = 92;
    /** No such device in the domain. */
    public static final int VIR_ERR_DEVICE_MISSING = 99;
    /** No such network filter binding. */
    public static final int VIR_ERR_NO_NWFILTER_BINDING = 101;
    /** No such domain checkpoint. */
    public static final int VIR_ERR_NO_DOMAIN_CHECKPOINT = 103;
    /** No such domain backup job. */
    public static final int VIR_ERR_NO_DOMAIN_BACKUP = 104;
    /** No such network port. */
    public static final int VIR_ERR_NO_NETWORK_PORT = 107;

    // ---- libvirt's virErrorDomain values (the component that reported the error)
    /** No particular component. */
    public static final int VIR_FROM_NONE = 0;
    /** The XML helpers (attribute values read by libvirt's XML layer). */
    public static final int VIR_FROM_XML = 5;
    /** The RPC layer (the daemon connection). */
    public static final int VIR_FROM_RPC = 7;
    /** The QEMU driver. */
    public static final int VIR_FROM_QEMU = 10;
    /** The remote driver (the client side of a daemon connection). */
    public static final int VIR_FROM_REMOTE = 13;
    /** The test driver ({@code test:///}). */
    public static final int VIR_FROM_TEST = 12;
    /** The storage driver (also storage file access, e.g. a disk image at start). */
    public static final int VIR_FROM_STORAGE = 18;
    /** The network driver. */
    public static final int VIR_FROM_NETWORK = 19;
    /** Domain configuration handling (shared by every driver). */
    public static final int VIR_FROM_DOMAIN = 20;
    /** The node device driver. */
    public static final int VIR_FROM_NODEDEV = 22;
    /** Control groups. */
    public static final int VIR_FROM_CGROUP = 54;

    /** Messages of a start that name missing memory or huge pages, or a device group QEMU cannot use. */
    private static final List<String> START_RESOURCE_MARKERS = List.of("unable to map backing store",
            "cannot allocate memory", "hugetlbfs filesystem is not mounted",
            "unable to find any usable hugetlbfs mount", "insufficient free host memory pages",
            "not enough free memory", "os_mem_prealloc", "is not viable");

    private LibvirtErrors() {
    }

    /** The kind of failing call: some messages mean a missing host resource or a bad definition only there. */
    public enum Call {
        /** Any call that is neither of the others. */
        GENERAL,
        /** Defining a domain: where libvirt's post-parse checks refuse a definition. */
        DEFINE,
        /** Starting a domain (start, create): where missing pages or memory show up, and create's definition checks. */
        START
    }

    /**
     * The exception for libvirt's error details, of the class the table above gives.
     *
     * @param message what failed, for people
     * @param code libvirt's virErrorNumber
     * @param domain libvirt's virErrorDomain
     * @param libvirtMessage libvirt's message as it gave it (null reads as empty)
     * @param call the kind of call that failed
     * @return the exception, not thrown
     */
    public static VirtException exception(String message, int code, int domain, String libvirtMessage, Call call) {
        String lm = libvirtMessage == null ? "" : libvirtMessage;
        return switch (kind(code, domain, lm, call)) {
            case CONNECTION_CLOSED -> new ConnectionClosedException(message, code, domain, lm);
            case CONNECTION_LOST -> new ConnectionLostException(message, code, domain, lm);
            case NOT_SUPPORTED -> new NotSupportedException(message, code, domain, lm);
            case HOST_RESOURCE -> new HostResourceException(message, code, domain, lm);
            case NOT_FOUND -> new NotFoundException(message, code, domain, lm);
            case ALREADY_EXISTS -> new AlreadyExistsException(message, code, domain, lm);
            case INVALID_DEFINITION -> new InvalidDefinitionException(message, code, domain, lm);
            case INVALID_STATE -> new InvalidStateException(message, code, domain, lm);
            case OTHER -> new VirtException(message, code, domain, lm);
        };
    }

    /**
     * What every provider throws for a call after {@code close()}: INVALID_CONN with libvirt's wording
     * ({@code virCheckConnectReturn}), without asking libvirt.
     *
     * @param operation the call, for both messages (e.g. {@code "domains"})
     */
    public static ConnectionClosedException closed(String operation) {
        return (ConnectionClosedException) exception(operation + ": the connection is closed", VIR_ERR_INVALID_CONN,
                VIR_FROM_NONE, "invalid connection pointer in " + operation, Call.GENERAL);
    }

    /** The classes of the table, in the order their rules are tried. */
    enum Kind {
        CONNECTION_CLOSED, CONNECTION_LOST, NOT_SUPPORTED, HOST_RESOURCE, NOT_FOUND, ALREADY_EXISTS,
        INVALID_DEFINITION, INVALID_STATE, OTHER
    }

    /** Classifies libvirt's error details (the table of the class comment, top to bottom). */
    static Kind kind(int code, int domain, String message, Call call) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (code == VIR_ERR_INVALID_CONN) {
            return Kind.CONNECTION_CLOSED;
        }
        if (connectionLost(code, domain, m)) {
            return Kind.CONNECTION_LOST;
        }
        if (notSupported(code, m)) {
            return Kind.NOT_SUPPORTED;
        }
        if (hostLacksIt(code, m) || (call == Call.START && startLacksResources(code, m))) {
            return Kind.HOST_RESOURCE;
        }
        if (notFound(code, m)) {
            return Kind.NOT_FOUND;
        }
        if (alreadyExists(code, m)) {
            return Kind.ALREADY_EXISTS;
        }
        if (invalidDefinition(code, domain, m, call)) {
            return Kind.INVALID_DEFINITION;
        }
        if (code == VIR_ERR_OPERATION_INVALID || (code == VIR_ERR_INTERNAL_ERROR
                && (m.contains("is already running") || m.contains("not running") || m.contains("not paused")
                        || (m.contains("unable to destroy '") && m.endsWith("device in use"))))) {
            return Kind.INVALID_STATE;
        }
        return Kind.OTHER;
    }

    private static boolean connectionLost(int code, int domain, String m) {
        if (code == VIR_ERR_NO_CONNECT) {
            return !m.contains("no connection driver available"); // an unknown URI scheme: NotSupported
        }
        if (code == VIR_ERR_RPC) {
            return true;
        }
        if (domain == VIR_FROM_RPC || domain == VIR_FROM_REMOTE) {
            if (code == VIR_ERR_SYSTEM_ERROR) {
                return true;
            }
            if (code == VIR_ERR_INTERNAL_ERROR && m.contains("connection closed")) {
                return true; // "connection closed due to keepalive timeout"
            }
        }
        return code == VIR_ERR_INTERNAL_ERROR && m.contains("client socket is closed");
    }

    private static boolean notSupported(int code, String m) {
        return code == VIR_ERR_NO_CONNECT // only "no connection driver available" is left here
                || (code == VIR_ERR_INVALID_ARG && m.contains("unsupported flags")) // virCheckFlags
                // a driver that cannot change the running domain and its configuration in one call (test's memtune)
                || (code == VIR_ERR_INVALID_ARG && m.contains("'vir_domain_affect_live' and 'vir_domain_affect_config'")
                        && m.contains("mutually exclusive"))
                // a host whose libvirt makes mediated devices through mdevctl, without mdevctl installed
                || (code == VIR_ERR_SYSTEM_ERROR && m.contains("cannot find 'mdevctl'"))
                // the test driver's virNodeDeviceCreateXML makes only vHBAs: "Device is not a fibre channel HBA"
                || (code == VIR_ERR_INTERNAL_ERROR && m.contains("is not a fibre channel hba"))
                || code == VIR_ERR_NO_SUPPORT || code == VIR_ERR_ARGUMENT_UNSUPPORTED
                || code == VIR_ERR_OPERATION_UNSUPPORTED;
    }

    /** Host-dependent refusals whose codes (38, 55, 67) would otherwise say "system error", "state", "definition". */
    private static boolean hostLacksIt(int code, String m) {
        return switch (code) {
            // numatune to a node the host lacks; PCI passthrough on a host without an IOMMU
            case VIR_ERR_CONFIG_UNSUPPORTED -> m.matches(".*numa node \\d+ is unavailable.*")
                    || m.contains("host doesn't support passthrough") || m.contains("does not support virt type");
            // the cgroup's cpuset (v1 or v2) refuses a CPU beyond the host's; without cpuset, sched_setaffinity does
            case VIR_ERR_SYSTEM_ERROR -> (m.contains("cpuset.cpus") && m.contains("numerical result out of range"))
                    || (m.contains("cannot set cpu affinity") && m.contains("invalid argument"))
                    || m.startsWith("cannot check qemu binary"); // an emulator the host lacks
            // virNumaGetPages...: a page size the node has no pool of (e.g. 1 GiB pages never reserved)
            case VIR_ERR_OPERATION_FAILED -> m.matches(".*page size \\d+ is not available on node \\d+.*");
            case VIR_ERR_OPERATION_INVALID -> m.contains("failed to set cpuset.cpus in cgroup")
                    || m.contains("is in use by driver") || m.contains("must be manually detached from the host")
                    || m.contains("valid only for bfq or cfq scheduler"); // blkio weights on a host without one
            // a live bandwidth change where the host's kernel lacks tc's queueing discipline (sfq, htb)
            // a live bandwidth change where the host's kernel lacks tc's queueing discipline (sfq, htb); mdevctl
            // refusing an mdev type without available instances ("Unable to start mediated device: Error: No
            // available instances of T on P")
            case VIR_ERR_INTERNAL_ERROR -> (m.contains("(tc ") && m.contains("qdisc kind is unknown"))
                    || m.contains("no available instances of") || m.contains("does not support mdev type")
                    || m.contains("is not currently registered for mdev support");
            default -> false;
        };
    }

    private static boolean startLacksResources(int code, String m) {
        return (code == VIR_ERR_INTERNAL_ERROR || code == VIR_ERR_OPERATION_FAILED || code == VIR_ERR_SYSTEM_ERROR)
                && START_RESOURCE_MARKERS.stream().anyMatch(m::contains);
    }

    private static boolean notFound(int code, String m) {
        return switch (code) {
            case VIR_ERR_NO_DOMAIN, VIR_ERR_NO_NETWORK, VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_STORAGE_VOL,
                    VIR_ERR_NO_NODE_DEVICE, VIR_ERR_NO_INTERFACE, VIR_ERR_NO_NWFILTER, VIR_ERR_NO_SECRET,
                    VIR_ERR_NO_DOMAIN_SNAPSHOT, VIR_ERR_NO_DOMAIN_METADATA, VIR_ERR_DEVICE_MISSING,
                    VIR_ERR_NO_NWFILTER_BINDING, VIR_ERR_NO_DOMAIN_CHECKPOINT, VIR_ERR_NO_DOMAIN_BACKUP,
                    VIR_ERR_NO_NETWORK_PORT -> true;
            // virNumaGetPages... on a node the host lacks: "start cell 7 out of range (0-0)"
            case VIR_ERR_INTERNAL_ERROR -> m.matches(".*start cell \\d+ out of range.*");
            // a mediated device's parent the host does not have (node device create or define)
            case VIR_ERR_CONFIG_UNSUPPORTED -> m.contains("invalid parent device");
            // virpci.c: "Device 0000:ff:00.0 not found: could not access /sys/bus/pci/devices/.../config"
            case VIR_ERR_SYSTEM_ERROR -> (m.startsWith("device ") && m.contains(" not found: could not access"))
                    || m.startsWith("cannot access storage file"); // a disk image that is not there, at start
            default -> false;
        };
    }

    private static boolean alreadyExists(int code, String m) {
        if (code == VIR_ERR_DOM_EXIST || code == VIR_ERR_NETWORK_EXIST || code == VIR_ERR_STORAGE_VOL_EXIST) {
            return true;
        }
        return ((code == VIR_ERR_OPERATION_FAILED || code == VIR_ERR_OPERATION_INVALID)
                && (m.contains("already exists") || m.contains("is already defined")))
                // mdevctl starting a UUID that is active: "Unable to start mediated device: Error: Device already exists"
                || (code == VIR_ERR_INTERNAL_ERROR && m.contains("mediated device: error: device already exists"));
    }

    private static boolean invalidDefinition(int code, int domain, String m, Call call) {
        return switch (code) {
            // a name too long for the configuration file: "Failed to create file '...': File name too long"
            case VIR_ERR_SYSTEM_ERROR -> m.contains("file name too long");
            case VIR_ERR_XML_ERROR, VIR_ERR_XML_DETAIL, VIR_ERR_CONFIG_UNSUPPORTED, VIR_ERR_INVALID_ARG,
                    VIR_ERR_XML_INVALID_SCHEMA -> true;
            // domain_conf.c's post-parse checks report INTERNAL_ERROR: a refused definition, not a libvirt bug
            case VIR_ERR_INTERNAL_ERROR -> domain == VIR_FROM_DOMAIN && call != Call.GENERAL;
            default -> false;
        };
    }
}
