package io.virtforge.fake.libvirt;

import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_DEVICE_MISSING;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_INVALID_ARG;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_INVALID_CONN;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_NO_DOMAIN;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_NO_NODE_DEVICE;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_OPERATION_FAILED;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_OPERATION_INVALID;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_SYSTEM_ERROR;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_ERR_XML_ERROR;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_FROM_CGROUP;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_FROM_DOMAIN;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_FROM_NONE;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_FROM_QEMU;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_FROM_RPC;
import static io.virtforge.fake.libvirt.LibvirtErrorCodes.VIR_FROM_TEST;

import io.virtforge.connect.AlreadyExistsException;
import io.virtforge.connect.ConnectionLostException;
import io.virtforge.connect.HostResourceException;
import io.virtforge.connect.InvalidDefinitionException;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.NotFoundException;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtException;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.UUID;

/**
 * The errors the fake connection throws: for each misuse the exception type the SDK promises, with the
 * code, error domain and message libvirt 9.0 gives for it. Each was checked by hand on this machine with
 * libvirt 9.0.0 (a C probe calling the API and printing {@code virGetLastError()}, and {@code virsh}); the
 * probe and its transcripts are in {@code sdk-fake/evidence/libvirt-9.0}. Where the test driver
 * ({@code test:///default}) answers, its answer is modelled; where it has no answer (hot-plug, huge pages,
 * PCI assignment, undefining a transient domain, which it silently accepts), the QEMU driver's
 * ({@code qemu:///system}, QEMU 7.2) is. Where the two drivers differ, the QEMU answer is in the comment.
 */
final class FakeErrors {
    private static final String INVALID = "Requested operation is not valid: ";

    private FakeErrors() {
    }

    // ---- lookups

    /**
     * {@code virDomainLookupByName} of a missing name. test: 42/12 "Domain not found". (QEMU: 42/10
     * "Domain not found: no domain with matching name 'x'".)
     */
    static NotFoundException noDomainNamed(String name) {
        return new NotFoundException("no domain named '" + name + "'", VIR_ERR_NO_DOMAIN, VIR_FROM_TEST,
                "Domain not found");
    }

    /**
     * A call on a handle whose domain is gone. test: 42/12 "Domain not found: no domain with matching uuid
     * 'U' (x)"; QEMU gives the same text from 10.
     */
    static NotFoundException staleHandle(UUID uuid, String name) {
        return new NotFoundException("domain '" + name + "' (" + uuid + ") no longer exists", VIR_ERR_NO_DOMAIN,
                VIR_FROM_TEST, "Domain not found: no domain with matching uuid '" + uuid + "' (" + name + ")");
    }

    /** A PCI node device the host lacks. test: 53/12 "Node device not found: no node device with matching name 'pci_...'" (QEMU host: 53/22). */
    static NotFoundException noNodeDevice(PciAddress address) {
        return new NotFoundException("no PCI device " + address.format() + " on the host", VIR_ERR_NO_NODE_DEVICE,
                VIR_FROM_TEST, "Node device not found: no node device with matching name '" + address.nodeDeviceName()
                        + "'");
    }

    // ---- uniqueness (virDomainObjListAdd, shared by every driver)

    /** Defining or creating a name that another UUID holds. Both drivers: 9/20. */
    static AlreadyExistsException nameTaken(String name, UUID existing) {
        return new AlreadyExistsException("a domain named '" + name + "' already exists with UUID " + existing,
                VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain '" + name + "' already exists with uuid " + existing);
    }

    /** Defining or creating a UUID that another name holds. Both drivers: 9/20. */
    static AlreadyExistsException uuidTaken(String existingName, UUID uuid) {
        return new AlreadyExistsException("UUID " + uuid + " already belongs to domain '" + existingName + "'",
                VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain '" + existingName + "' is already defined with uuid " + uuid);
    }

    /** {@code virDomainCreateXML} of a domain that is running. Both drivers: 55/20. */
    static InvalidStateException alreadyActive(String name) {
        return new InvalidStateException("domain '" + name + "' is already running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_DOMAIN, INVALID + "domain '" + name + "' is already active");
    }

    // ---- lifecycle misuse

    /** Starting a running or paused domain. test: 1/12. (QEMU: 55/10 "...: domain is already running".) */
    static InvalidStateException alreadyRunning(String name) {
        return new InvalidStateException("domain '" + name + "' is already running", VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_TEST, "internal error: Domain '" + name + "' is already running");
    }

    /**
     * Destroying or rebooting a shut-off domain, a live-scoped change of one, statistics of one. Both drivers:
     * 55/20 "Requested operation is not valid: domain is not running".
     */
    static InvalidStateException notRunning(String name) {
        return new InvalidStateException("domain '" + name + "' is not running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_DOMAIN, INVALID + "domain is not running");
    }

    /**
     * Suspending a shut-off or paused domain, shutting down a shut-off one. test: 1/12 "internal error:
     * domain 'x' not running". (QEMU: 55/20 "...: domain is not running" for a shut-off one; suspending a
     * paused one succeeds.)
     */
    static InvalidStateException testNotRunning(String name) {
        return new InvalidStateException("domain '" + name + "' is not running", VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_TEST, "internal error: domain '" + name + "' not running");
    }

    /** Resuming a domain that is not paused. test: 1/12. (QEMU: 55/10 "...: domain is already running".) */
    static InvalidStateException notPaused(String name) {
        return new InvalidStateException("domain '" + name + "' is not paused", VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_TEST, "internal error: domain '" + name + "' not paused");
    }

    /**
     * Undefining a transient domain: what the SDK promises and QEMU does (55/10). The test driver accepts it
     * without effect, so the real connection has to check persistence itself there.
     */
    static InvalidStateException transientUndefine(String name) {
        return new InvalidStateException("domain '" + name + "' is transient and cannot be undefined",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "cannot undefine transient domain");
    }

    /** A config-scoped change of a transient domain. Both drivers: 55/20. */
    static InvalidStateException transientConfig(String name) {
        return new InvalidStateException("domain '" + name + "' is transient: it has no persistent configuration",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                INVALID + "transient domains do not have any persistent config");
    }

    /** vCPU information of a shut-off domain. test: 55/12. (QEMU: 55/10 "...: cannot retrieve vcpu information for inactive domain".) */
    static InvalidStateException vcpusInactive(String name) {
        return new InvalidStateException("domain '" + name + "' is not running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_TEST, INVALID + "cannot list vcpus for an inactive domain");
    }

    // ---- definitions (domain_conf.c, shared by every driver)

    /** A definition the parser rejects: 27/20 "XML error: ..." (e.g. a '/' in the name, a duplicated disk target). */
    static InvalidDefinitionException xmlError(String name, String detail) {
        return new InvalidDefinitionException("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_XML_ERROR,
                VIR_FROM_DOMAIN, "XML error: " + detail);
    }

    /** A definition the post-parse checks reject with an internal error: 1/20 (e.g. the guest NUMA CPU counts). */
    static InvalidDefinitionException definitionInternal(String name, String detail) {
        return new InvalidDefinitionException("libvirt rejects domain '" + name + "': " + detail,
                VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "internal error: " + detail);
    }

    // ---- arguments

    /** An argument libvirt rejects: 8, from the given component, "invalid argument: ...". */
    static VirtException invalidArgument(String detail, int errorDomain) {
        return new VirtException(detail, VIR_ERR_INVALID_ARG, errorDomain, "invalid argument: " + detail);
    }

    /** Pinning a vCPU the domain lacks. test: 8/12. (QEMU: 8/10 "invalid argument: vcpu 3 is out of range of live cpu count 1".) */
    static VirtException noSuchVcpu(int vcpu) {
        return invalidArgument("requested vcpu '" + vcpu + "' is not present in the domain", VIR_FROM_TEST);
    }

    /** Pinning an I/O thread the domain lacks. test: 8/12. */
    static VirtException noSuchIothread(int iothread) {
        return invalidArgument("iothreadid " + iothread + " not found", VIR_FROM_TEST);
    }

    /** A balloon target above the maximum. Both drivers: 8 "invalid argument: cannot set memory higher than max memory". */
    static VirtException memoryAboveMax() {
        return invalidArgument("cannot set memory higher than max memory", VIR_FROM_TEST);
    }

    /** Block statistics of an unknown disk. Both drivers: 8 "invalid argument: invalid path: vdz". */
    static VirtException noSuchDisk(String disk) {
        return invalidArgument("invalid path: " + disk, VIR_FROM_TEST);
    }

    /** Interface statistics of an unknown device. Both drivers: 8/20. */
    static VirtException noSuchInterface(String device) {
        return invalidArgument("'" + device + "' is not a known interface", VIR_FROM_DOMAIN);
    }

    // ---- hot-plug (the test driver has none: 3/20 "this function is not supported by the connection driver"; QEMU's answers)

    /** Detaching a live disk the domain lacks. QEMU: 99/10. */
    static NotFoundException liveDiskMissing(String target) {
        return new NotFoundException("the running domain has no disk " + target, VIR_ERR_DEVICE_MISSING,
                VIR_FROM_QEMU, "device not found: disk " + target + " not found");
    }

    /** Detaching a disk the configuration lacks. QEMU: 99/10. */
    static NotFoundException configDiskMissing(String target) {
        return new NotFoundException("the configuration has no disk " + target, VIR_ERR_DEVICE_MISSING,
                VIR_FROM_QEMU, "device not found: no target device " + target);
    }

    /** Detaching a NIC nobody has. QEMU: 99/20 (virDomainNetFindIdx). */
    static NotFoundException nicMissing(String mac) {
        return new NotFoundException("no NIC with MAC " + mac, VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN,
                "device not found: no device found at address '(<null>)' matching MAC address '" + mac
                        + "' and alias '(<null>)'");
    }

    /** Detaching any other device nobody has (matched by source, alias or content). Modelled on the above. */
    static NotFoundException deviceMissing(String kind) {
        return new NotFoundException("no matching " + kind + " device", VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN,
                "device not found: no matching " + kind + " device was found");
    }

    /** Attaching a disk whose target the configuration has. QEMU: 55/10, an "already exists" error. */
    static AlreadyExistsException configTargetExists(String target) {
        return new AlreadyExistsException("the configuration already has a disk " + target, VIR_ERR_OPERATION_INVALID,
                VIR_FROM_QEMU, INVALID + "target " + target + " already exists");
    }

    // ---- host resources at start (the QEMU driver; the test driver does not model them)

    /** Huge pages of a size the host has no pool (hugetlbfs mount) for. QEMU: 1/10. */
    static HostResourceException noHugetlbfs(String name, PageSize size) {
        return new HostResourceException("domain '" + name + "' needs " + size + " huge pages, which the host lacks",
                VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
                "internal error: Unable to find any usable hugetlbfs mount for " + size.kib() + " KiB");
    }

    /** Too few free huge pages: QEMU exits at start. QEMU 7.2 under libvirt 9.0: 1/10. */
    static HostResourceException hugePagesExhausted(String name, String detail, String timestamp) {
        return new HostResourceException("cannot start domain '" + name + "': " + detail, VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_QEMU, "internal error: qemu unexpectedly closed the monitor: " + timestamp
                        + " qemu-system-x86_64: unable to map backing store for guest RAM: Cannot allocate memory");
    }

    /** numatune names a node the host lacks. QEMU: 67/0. */
    static HostResourceException nodeUnavailable(int node) {
        return new HostResourceException("host NUMA node " + node + " does not exist", VIR_ERR_CONFIG_UNSUPPORTED,
                VIR_FROM_NONE, "unsupported configuration: NUMA node " + node + " is unavailable");
    }

    /** A live numatune change of the mode (libvirt's qemu driver, from its source): 55/10. */
    static InvalidStateException numaModeLive(String name) {
        return new InvalidStateException("the NUMA mode of running domain '" + name + "' cannot change",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "can't change numatune mode for running domain");
    }

    /** A pin to CPUs the host lacks: the cgroup write fails. QEMU (cgroup v1 host): 38/54. */
    static HostResourceException cpusUnavailable(String name, int id, String thread, String cpus) {
        return new HostResourceException("domain '" + name + "' pins " + thread + " to host CPUs " + cpus
                + " the host lacks", VIR_ERR_SYSTEM_ERROR, VIR_FROM_CGROUP, "Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-"
                        + id + "-" + name + ".libvirt-qemu/" + thread + "/cpuset.cpus': Numerical result out of range");
    }

    /**
     * A PCI device another running domain holds (virhostdev.c, from libvirt's source; no device to assign
     * here): 55/0.
     */
    static HostResourceException pciInUse(PciAddress device, String holder) {
        return new HostResourceException("PCI device " + device.format() + " is assigned to running domain '" + holder
                + "'", VIR_ERR_OPERATION_INVALID, VIR_FROM_NONE,
                INVALID + "PCI device " + device.format() + " is in use by driver QEMU, domain " + holder);
    }

    /** An unmanaged PCI device still bound to its host driver (virhostdev.c, from libvirt's source): 55/0. */
    static HostResourceException pciNotDetached(PciAddress device) {
        return new HostResourceException("unmanaged PCI device " + device.format() + " is not bound to vfio-pci",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_NONE,
                INVALID + "Unmanaged PCI device " + device.format() + " must be manually detached from the host");
    }

    /** A PCI device the host lacks (virpci.c, from libvirt's source): 38/0. */
    static NotFoundException pciMissing(PciAddress device) {
        String path = "/sys/bus/pci/devices/" + device.format() + "/config";
        return new NotFoundException("the host has no PCI device " + device.format(), VIR_ERR_SYSTEM_ERROR,
                VIR_FROM_NONE, "Device " + device.format() + " not found: could not access " + path
                        + ": No such file or directory");
    }

    /** A device whose IOMMU group has members on host drivers: QEMU's vfio refuses it (from QEMU's source). 1/10. */
    static HostResourceException groupNotViable(PciAddress device, int group, String timestamp) {
        return new HostResourceException("IOMMU group " + group + " of " + device.format()
                + " has devices bound to host drivers", VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
                "internal error: qemu unexpectedly closed the monitor: " + timestamp
                        + " qemu-system-x86_64: -device vfio-pci,host=" + device.format() + ": vfio " + device.format()
                        + ": group " + group + " is not viable\nPlease ensure all devices within the iommu_group are "
                        + "bound to their vfio bus driver.");
    }

    // ---- node

    /** Free pages of a size a node has no pool of. QEMU host: 9/0. */
    static NotSupportedException noPageSize(int node, PageSize size) {
        return new NotSupportedException("node " + node + " has no " + size + " pages", VIR_ERR_OPERATION_FAILED,
                VIR_FROM_NONE, "operation failed: page size " + size.kib() + " is not available on node " + node);
    }

    /** A node the host lacks. QEMU host: 1/0 "internal error: start cell 3 out of range (0-0)". */
    static NotFoundException noNode(int node, int lastNode) {
        return new NotFoundException("the host has no node " + node, VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                "internal error: start cell " + node + " out of range (0-" + lastNode + ")");
    }

    // ---- the connection

    /** Any call after the daemon went away (virnetclient.c, from libvirt's source): 1/7. */
    static ConnectionLostException connectionLost(String operation) {
        return new ConnectionLostException(operation + ": the connection to the hypervisor is lost",
                VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "internal error: client socket is closed");
    }

    /** Any call after {@code close()}: 6/0. */
    static ConnectionLostException closed(String operation) {
        return new ConnectionLostException(operation + ": the connection is closed", VIR_ERR_INVALID_CONN,
                VIR_FROM_NONE, "invalid connection pointer in " + operation);
    }
}
