package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_DEVICE_MISSING;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INVALID_ARG;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INVALID_CONN;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_SUPPORT;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_NODE_DEVICE;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_OPERATION_FAILED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_OPERATION_INVALID;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_SYSTEM_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_CGROUP;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_DOMAIN;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_NETWORK;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NETWORK;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NODEDEV;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NONE;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_STORAGE;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_XML;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_DETAIL;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_XML_INVALID_SCHEMA;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_RPC;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.LibvirtErrors.Call;
import io.virtforge.connect.VirtException;
import io.virtforge.value.PageSize;
import io.virtforge.value.PciAddress;
import java.util.UUID;

/**
 * The errors the fake connection throws: for each misuse the code, error domain and message libvirt 9.0 gives
 * for it, and the call kind; the exception's class is picked by the SDK's one classification,
 * {@link LibvirtErrors}, exactly as sdk-libvirt's is for the same error, so the fake and libvirt cannot
 * disagree on it. Each was checked by hand on this machine with
 * libvirt 9.0.0 (a C probe calling the API and printing {@code virGetLastError()}, and {@code virsh}); the
 * probe and its transcripts are in {@code sdk-fake/evidence/libvirt-9.0}. The answer modelled is the QEMU
 * driver's ({@code qemu:///system}, QEMU 7.2, the tests' private libvirtd; {@code transcript.txt} and
 * {@code transcript-issue19.txt}), since that is what users run (issue 19); where the test driver
 * ({@code test:///default}) answers differently, its answer is in the comment. The few answers only the test
 * driver's source gave are marked so.
 */
final class FakeErrors {
    private static final String INVALID = "Requested operation is not valid: ";

    private FakeErrors() {
    }

    /** An error of any call; the class is the shared classification's. */
    private static VirtException error(String message, int code, int domain, String libvirtMessage) {
        return LibvirtErrors.exception(message, code, domain, libvirtMessage, Call.GENERAL);
    }

    /** An error of a start or create, where some messages mean a host resource is missing. */
    private static VirtException startError(String message, int code, int domain, String libvirtMessage) {
        return LibvirtErrors.exception(message, code, domain, libvirtMessage, Call.START);
    }

    /** An error of a define, where libvirt's post-parse internal errors refuse the definition. */
    private static VirtException defineError(String message, int code, int domain, String libvirtMessage) {
        return LibvirtErrors.exception(message, code, domain, libvirtMessage, Call.DEFINE);
    }

    // ---- lookups

    /** {@code virDomainLookupByName} of a missing name. QEMU: 42/10 (transcript.txt; the test driver: 42/12 "Domain not found"). */
    static VirtException noDomainNamed(String name) {
        return error("no domain named '" + name + "'", VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU,
                "Domain not found: no domain with matching name '" + name + "'");
    }

    /**
     * A call on a handle whose domain is gone. QEMU: 42/10 "Domain not found: no domain with matching uuid
     * 'U' (x)" (the test driver gives the same text from 12).
     */
    static VirtException staleHandle(UUID uuid, String name) {
        return error("domain '" + name + "' (" + uuid + ") no longer exists", VIR_ERR_NO_DOMAIN,
                VIR_FROM_QEMU, "Domain not found: no domain with matching uuid '" + uuid + "' (" + name + ")");
    }

    /** A PCI node device the host lacks. QEMU host: 53/22 "Node device not found: no node device with matching name 'pci_...'" (test: 53/12). */
    static VirtException noNodeDevice(PciAddress address) {
        return error("no PCI device " + address.format() + " on the host", VIR_ERR_NO_NODE_DEVICE,
                VIR_FROM_NODEDEV, "Node device not found: no node device with matching name '" + address.nodeDeviceName()
                        + "'");
    }

    // ---- uniqueness (virDomainObjListAdd, shared by every driver)

    /** Defining or creating a name that another UUID holds. Both drivers: 9/20. */
    static VirtException nameTaken(String name, UUID existing) {
        return error("a domain named '" + name + "' already exists with UUID " + existing,
                VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain '" + name + "' already exists with uuid " + existing);
    }

    /** Defining or creating a UUID that another name holds. Both drivers: 9/20. */
    static VirtException uuidTaken(String existingName, UUID uuid) {
        return error("UUID " + uuid + " already belongs to domain '" + existingName + "'",
                VIR_ERR_OPERATION_FAILED, VIR_FROM_DOMAIN,
                "operation failed: domain '" + existingName + "' is already defined with uuid " + uuid);
    }

    /** {@code virDomainCreateXML} of a domain that is running. Both drivers: 55/20. */
    static VirtException alreadyActive(String name) {
        return error("domain '" + name + "' is already running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_DOMAIN, INVALID + "domain '" + name + "' is already active");
    }

    // ---- lifecycle misuse

    /**
     * Starting a running or paused domain, resuming a running one. QEMU: 55/10 "...: domain is already running"
     * (transcript.txt; the test driver: 1/12 "internal error: Domain 'x' is already running").
     */
    static VirtException alreadyRunning(String name) {
        return error("domain '" + name + "' is already running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_QEMU, INVALID + "domain is already running");
    }

    /**
     * Destroying, rebooting, suspending or resuming a shut-off domain, a live-scoped change of one, statistics
     * of one. QEMU: 55/20 "Requested operation is not valid: domain is not running" (transcript.txt).
     */
    static VirtException notRunning(String name) {
        return error("domain '" + name + "' is not running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_DOMAIN, INVALID + "domain is not running");
    }

    /** Shutting down a shut-off domain. QEMU: 55/10 "...: domain is not running" (transcript.txt). */
    static VirtException shutdownNotRunning(String name) {
        return error("domain '" + name + "' is not running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_QEMU, INVALID + "domain is not running");
    }

    /**
     * Undefining a transient domain: what the SDK promises and QEMU does (55/10). The test driver accepts it
     * without effect, so the real connection has to check persistence itself there.
     */
    static VirtException transientUndefine(String name) {
        return error("domain '" + name + "' is transient and cannot be undefined",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "cannot undefine transient domain");
    }

    /** A config-scoped change of a transient domain. Both drivers: 55/20. */
    static VirtException transientConfig(String name) {
        return error("domain '" + name + "' is transient: it has no persistent configuration",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_DOMAIN,
                INVALID + "transient domains do not have any persistent config");
    }

    /** vCPU information of a shut-off domain. QEMU: 55/10 (transcript.txt; test: 55/12 "cannot list vcpus for an inactive domain"). */
    static VirtException vcpusInactive(String name) {
        return error("domain '" + name + "' is not running", VIR_ERR_OPERATION_INVALID,
                VIR_FROM_QEMU, INVALID + "cannot retrieve vcpu information for inactive domain");
    }

    // ---- definitions (domain_conf.c, shared by every driver)

    /** A definition the parser rejects: 27/20 "XML error: ..." (e.g. a '/' in the name, a duplicated disk target). */
    static VirtException xmlError(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_XML_ERROR,
                VIR_FROM_DOMAIN, "XML error: " + detail);
    }

    /** A definition the post-parse checks reject with an internal error: 1/20 (e.g. the guest NUMA CPU counts). */
    static VirtException definitionInternal(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail,
                VIR_ERR_INTERNAL_ERROR, VIR_FROM_DOMAIN, "internal error: " + detail);
    }

    /** A character libvirt does not take in a name, e.g. a newline: 35/5 "invalid char in name: ..." (transcript-issue19.txt). */
    static VirtException illegalNameChar(String name, String character) {
        return defineError("libvirt rejects a domain name with " + (character.equals("\n") ? "a newline" : character),
                VIR_ERR_XML_DETAIL, VIR_FROM_XML, "invalid char in name: " + character);
    }

    /** An enumerated attribute of an unknown value: 27/5 (transcript-issue19.txt), e.g. a disk bus 'nonesuch'. */
    static VirtException invalidAttribute(String name, String attribute, String element, String value) {
        return defineError("libvirt rejects domain '" + name + "': " + element + " " + attribute + " '" + value + "'",
                VIR_ERR_XML_ERROR, VIR_FROM_XML, "XML error: Invalid value for attribute '" + attribute
                        + "' in element '" + element + "': '" + value + "'.");
    }

    /** A definition the parser rejects as unsupported: 67/20 (e.g. a pin of an I/O thread the domain lacks). */
    static VirtException configUnsupported(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_CONFIG_UNSUPPORTED,
                VIR_FROM_DOMAIN, "unsupported configuration: " + detail);
    }

    /**
     * An element libvirt's schema does not have, when the definition is validated against it (the fake's strict
     * mode, as {@code VIR_DOMAIN_DEFINE_VALIDATE}): 92/20.
     */
    static VirtException schemaInvalid(String name, String path) {
        return defineError("domain '" + name + "' has an element libvirt does not know: " + path,
                VIR_ERR_XML_INVALID_SCHEMA, VIR_FROM_DOMAIN, "XML document failed to validate against schema: "
                        + "Unable to validate doc against /usr/share/libvirt/schemas/domain.rng\nElement "
                        + path.substring(path.lastIndexOf('/') + 1) + " is not allowed here (" + path + ")");
    }

    /** A definition the QEMU driver's validation rejects as unsupported: 67/10 (e.g. spice TLS without TLS). */
    static VirtException qemuUnsupported(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_CONFIG_UNSUPPORTED,
                VIR_FROM_QEMU, "unsupported configuration: " + detail);
    }

    /** A definition a domain-level validation rejects with a detail: 35/20, the message as it is (no prefix). */
    static VirtException xmlDetail(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_XML_DETAIL, VIR_FROM_DOMAIN,
                detail);
    }

    /** A definition the QEMU driver's post-parse or validation step rejects as malformed: 27/10. */
    static VirtException qemuXmlError(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_XML_ERROR, VIR_FROM_QEMU,
                "XML error: " + detail);
    }

    /** A definition the QEMU driver's post-parse or validation step rejects with an internal error: 1/10. */
    static VirtException qemuInternal(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_QEMU, "internal error: " + detail);
    }

    /** A definition the QEMU driver's validation rejects as an invalid argument: 8/10. */
    static VirtException qemuInvalidArgument(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_INVALID_ARG, VIR_FROM_QEMU,
                "invalid argument: " + detail);
    }

    /** libvirt's VIR_ERR_NO_TARGET (virterror.h), which the SDK's table does not name. */
    private static final int VIR_ERR_NO_TARGET = 20;
    /** libvirt's VIR_FROM_DEVICE (virterror.h): device_conf.c's errors. */
    private static final int VIR_FROM_DEVICE = 49;

    /** A device address the parser's device_conf.c cannot read: 1/49 (e.g. a USB port path of five numbers). */
    static VirtException deviceInternal(String name, String detail) {
        return defineError("libvirt rejects domain '" + name + "': " + detail, VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_DEVICE, "internal error: " + detail);
    }

    /**
     * A disk without a {@code <target dev>}: 20/20 "missing target information for device PATH" (without a source
     * path, libvirt's bare "missing target information for device").
     */
    static VirtException noTarget(String name, java.util.Optional<String> sourcePath) {
        return defineError("libvirt rejects domain '" + name + "': a disk has no target", VIR_ERR_NO_TARGET,
                VIR_FROM_DOMAIN, "missing target information for device" + sourcePath.map(p -> " " + p).orElse(""));
    }

    // ---- migration (QEMU's answers; the test driver does not migrate)

    /** Migrating to a connection that is not a fake host: the fake has no wire to a real daemon. 3/0. */
    static VirtException migrationTarget(String uri) {
        return error("the fake migrates only to another fake host, not to " + uri, VIR_ERR_NO_SUPPORT, VIR_FROM_NONE,
                "this function is not supported by the connection driver: virDomainMigrate3");
    }

    /** Migrating a domain to the host it runs on. QEMU: 1/10 "internal error: Attempt to migrate guest to the same host". */
    static VirtException sameHost(String name, java.util.UUID host) {
        return error("domain '" + name + "' is already on that host", VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
                "internal error: Attempt to migrate guest to the same host " + host);
    }

    /** Aborting a job when none runs (the fake's migrations are instant). QEMU: 55/10. */
    static VirtException noJob(String name) {
        return error("domain '" + name + "' has no job to abort", VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                INVALID + "no job is active on the domain");
    }

    // ---- arguments

    /** An argument libvirt rejects: 8, from the given component, "invalid argument: ...": InvalidDefinitionException. */
    static VirtException invalidArgument(String detail, int errorDomain) {
        return error(detail, VIR_ERR_INVALID_ARG, errorDomain, "invalid argument: " + detail);
    }

    /**
     * Pinning a vCPU the domain lacks. QEMU: 8/10 "invalid argument: vcpu 3 is out of range of live cpu count 1"
     * (transcript.txt), "persistent" for the configuration (test: 8/12 "requested vcpu '3' is not present").
     */
    static VirtException noSuchVcpu(int vcpu, int count, boolean live) {
        return invalidArgument("vcpu " + vcpu + " is out of range of " + (live ? "live" : "persistent") + " cpu count "
                + count, VIR_FROM_QEMU);
    }

    /**
     * Pinning an I/O thread the domain lacks. QEMU: 8/10 "invalid argument: iothread 1 not found" (checked on
     * the private libvirtd, transcript-issue19.txt). (test: 8/12 "invalid argument: iothreadid 1 not found".)
     */
    static VirtException noSuchIothread(int iothread) {
        return invalidArgument("iothread " + iothread + " not found", VIR_FROM_QEMU);
    }

    /**
     * A balloon target above the maximum. QEMU: 8/10 "invalid argument: cannot set memory higher than max
     * memory" (transcript-issue19.txt); the test driver says the same from 12.
     */
    static VirtException memoryAboveMax() {
        return invalidArgument("cannot set memory higher than max memory", VIR_FROM_QEMU);
    }

    /** Block statistics of an unknown disk. QEMU: 8/10 "invalid argument: invalid path: vdz" (transcript.txt). */
    static VirtException noSuchDisk(String disk) {
        return invalidArgument("invalid path: " + disk, VIR_FROM_QEMU);
    }

    /** Interface statistics of an unknown device. Both drivers: 8/20. */
    static VirtException noSuchInterface(String device) {
        return invalidArgument("'" + device + "' is not a known interface", VIR_FROM_DOMAIN);
    }

    // ---- hot-plug (the test driver has none: 3/20 "this function is not supported by the connection driver"; QEMU's answers)

    /** Detaching a live disk the domain lacks. QEMU: 99/10. */
    static VirtException liveDiskMissing(String target) {
        return error("the running domain has no disk " + target, VIR_ERR_DEVICE_MISSING,
                VIR_FROM_QEMU, "device not found: disk " + target + " not found");
    }

    /** Detaching a disk the configuration lacks. QEMU: 99/10. */
    static VirtException configDiskMissing(String target) {
        return error("the configuration has no disk " + target, VIR_ERR_DEVICE_MISSING,
                VIR_FROM_QEMU, "device not found: no target device " + target);
    }

    /** Detaching a NIC nobody has. QEMU: 99/20 (virDomainNetFindIdx). */
    static VirtException nicMissing(String mac) {
        return error("no NIC with MAC " + mac, VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN,
                "device not found: no device found at address '(<null>)' matching MAC address '" + mac
                        + "' and alias '(<null>)'");
    }

    /** Detaching any other device nobody has (matched by source, alias or content). Modelled on the above. */
    static VirtException deviceMissing(String kind) {
        return error("no matching " + kind + " device", VIR_ERR_DEVICE_MISSING, VIR_FROM_DOMAIN,
                "device not found: no matching " + kind + " device was found");
    }

    /** Attaching a disk whose target the configuration has. QEMU: 55/10, an "already exists" error. */
    static VirtException configTargetExists(String target) {
        return error("the configuration already has a disk " + target, VIR_ERR_OPERATION_INVALID,
                VIR_FROM_QEMU, INVALID + "target " + target + " already exists");
    }

    // ---- host resources at start (the QEMU driver; the test driver does not model them)

    /** Huge pages of a size the host has no pool (hugetlbfs mount) for. QEMU: 1/10. */
    static VirtException noHugetlbfs(String name, PageSize size) {
        return startError("domain '" + name + "' needs " + size + " huge pages, which the host lacks",
                VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
                "internal error: Unable to find any usable hugetlbfs mount for " + size.kib() + " KiB");
    }

    /** Too few free huge pages: QEMU exits at start. QEMU 7.2 under libvirt 9.0: 1/10. */
    static VirtException hugePagesExhausted(String name, String detail, String timestamp) {
        return startError("cannot start domain '" + name + "': " + detail, VIR_ERR_INTERNAL_ERROR,
                VIR_FROM_QEMU, "internal error: qemu unexpectedly closed the monitor: " + timestamp
                        + " qemu-system-x86_64: unable to map backing store for guest RAM: Cannot allocate memory");
    }

    /**
     * numatune names a node the host lacks, at start. QEMU: 67/0 "unsupported configuration: NUMA node 7 is
     * unavailable" (transcript-issue19.txt): HostResourceException by its message.
     */
    static VirtException nodeUnavailable(int node) {
        return error("host NUMA node " + node + " does not exist", VIR_ERR_CONFIG_UNSUPPORTED,
                VIR_FROM_NONE, "unsupported configuration: NUMA node " + node + " is unavailable");
    }

    /**
     * A live numatune change of the nodeset of a strict policy. QEMU: 55/10 (transcript-issue19.txt).
     */
    static VirtException strictNodesetLive(String name) {
        return error("the nodeset of running domain '" + name + "' is strict and cannot change",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "can't change nodeset for strict mode for running domain");
    }

    /**
     * A live numatune change of the nodeset of a preferred or interleave policy. QEMU: 55/10
     * (transcript-issue19.txt).
     */
    static VirtException nodesetLiveNeedsRestrictive(String name) {
        return error("the nodeset of running domain '" + name + "' can change only in restrictive mode",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                INVALID + "change of nodeset for running domain requires restrictive numa mode");
    }

    /** Shutting down a paused domain. QEMU: 55/10 "...: domain is not running"; it stays paused (transcript-issue19.txt). */
    static VirtException shutdownPaused(String name) {
        return error("domain '" + name + "' is paused and cannot shut down", VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                INVALID + "domain is not running");
    }

    /** A live balloon change of a domain with {@code <memballoon model='none'>}. QEMU: 55/10 (transcript-issue19.txt). */
    static VirtException noBalloon(String name) {
        return error("domain '" + name + "' has no balloon device", VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU,
                INVALID + "Unable to change memory of active domain without the balloon device and guest OS balloon driver");
    }

    /** Starting with a disk image that does not exist. QEMU: 38/18 (transcript-issue19.txt): NotFoundException. */
    static VirtException storageMissing(String path) {
        return startError("disk image " + path + " does not exist", VIR_ERR_SYSTEM_ERROR, VIR_FROM_STORAGE,
                "Cannot access storage file '" + path + "': No such file or directory");
    }

    /** Starting with a NIC on a network the host lacks. QEMU: 43/19 (transcript-issue19.txt). */
    static VirtException networkMissing(String network) {
        return startError("network '" + network + "' does not exist", VIR_ERR_NO_NETWORK, VIR_FROM_NETWORK,
                "Network not found: no network with matching name '" + network + "'");
    }

    /** Starting with a NIC on a network that is not started. QEMU: 55/19 (transcript-issue19.txt). */
    static VirtException networkInactive(String network) {
        return startError("network '" + network + "' is not active", VIR_ERR_OPERATION_INVALID, VIR_FROM_NETWORK,
                INVALID + "network '" + network + "' is not active");
    }

    /**
     * Starting with PCI passthrough on a host without an IOMMU. QEMU: 67/10 (transcript-issue19.txt):
     * HostResourceException by its message.
     */
    static VirtException noPassthrough() {
        return startError("the host has no IOMMU for PCI passthrough", VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU,
                "unsupported configuration: host doesn't support passthrough of host PCI devices");
    }

    /**
     * Defining a domain whose name makes its configuration file's name too long (more than 255 bytes with
     * {@code .xml.new}). QEMU: 38/0 (transcript-issue19.txt): InvalidDefinitionException by its message.
     */
    static VirtException nameTooLong(String name) {
        return defineError("domain name of " + name.length() + " characters is too long for a file name",
                VIR_ERR_SYSTEM_ERROR, VIR_FROM_NONE, "Failed to create file '/etc/libvirt/qemu/" + name
                        + ".xml.new': File name too long");
    }

    /**
     * A definition naming an emulator the host lacks (explicitly, or by an architecture it has none for). QEMU:
     * 38/10 "Cannot check QEMU binary ...: No such file or directory" (FakeDefineDifferentialIT):
     * HostResourceException by its message.
     */
    static VirtException noEmulator(String emulator) {
        return defineError("the host has no emulator " + emulator, VIR_ERR_SYSTEM_ERROR, VIR_FROM_QEMU,
                "Cannot check QEMU binary " + emulator + ": No such file or directory");
    }

    /** A virtualization type the emulator does not run, e.g. {@code kvm} without a usable /dev/kvm. QEMU: 67/10. */
    static VirtException virtTypeUnsupported(String emulator, String type) {
        return defineError("emulator " + emulator + " does not run " + type + " guests", VIR_ERR_CONFIG_UNSUPPORTED,
                VIR_FROM_QEMU, "unsupported configuration: Emulator '" + emulator + "' does not support virt type '"
                        + type + "'");
    }

    /** The same without a machine type: QEMU finds no default machine for the type first. 8/10. */
    static VirtException noPreferredMachine(String emulator, String type) {
        return defineError("emulator " + emulator + " does not run " + type + " guests", VIR_ERR_INVALID_ARG,
                VIR_FROM_QEMU, "invalid argument: could not get preferred machine for " + emulator + " type=" + type);
    }

    /** A machine type the emulator does not know. QEMU: 67/10. */
    static VirtException machineUnsupported(String emulator, String machine) {
        return defineError("emulator " + emulator + " has no machine type " + machine, VIR_ERR_CONFIG_UNSUPPORTED,
                VIR_FROM_QEMU, "unsupported configuration: Emulator '" + emulator + "' does not support machine type '"
                        + machine + "'");
    }

    /** A live numatune change of the mode (libvirt's qemu driver, from its source): 55/10. */
    static VirtException numaModeLive(String name) {
        return error("the NUMA mode of running domain '" + name + "' cannot change",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "can't change numatune mode for running domain");
    }

    /**
     * A vCPU or I/O thread pin to CPUs the host lacks, at start or live: the cgroup write fails. QEMU (cgroup v1
     * host): 38/54 (transcript.txt at start, transcript-issue19.txt live): HostResourceException by its message.
     */
    static VirtException cpusUnavailable(String name, int id, String thread, String cpus) {
        return error("domain '" + name + "' pins " + thread + " to host CPUs " + cpus
                + " the host lacks", VIR_ERR_SYSTEM_ERROR, VIR_FROM_CGROUP, "Unable to write to '/sys/fs/cgroup/cpuset/machine/qemu-"
                        + id + "-" + name + ".libvirt-qemu/" + thread + "/cpuset.cpus': Numerical result out of range");
    }

    /**
     * A live emulator pin to CPUs the host lacks. QEMU: 55/10 (transcript-issue19.txt): HostResourceException
     * by its message, as the vCPU pin's 38/54.
     */
    static VirtException emulatorCpusUnavailable(String name, String cpus) {
        return error("domain '" + name + "' pins its emulator to host CPUs " + cpus + " the host lacks",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "failed to set cpuset.cpus in cgroup for emulator threads");
    }

    /**
     * A live I/O thread pin to CPUs the host lacks. QEMU: 55/10 (transcript-issue19.txt): HostResourceException
     * by its message, as the emulator's.
     */
    static VirtException iothreadCpusUnavailable(String name, int iothread, String cpus) {
        return error("domain '" + name + "' pins I/O thread " + iothread + " to host CPUs " + cpus + " the host lacks",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_QEMU, INVALID + "failed to set cpuset.cpus in cgroup for iothread "
                        + iothread);
    }

    /**
     * A PCI device another running domain holds (virhostdev.c, from libvirt's source; no device to assign
     * here): 55/0.
     */
    static VirtException pciInUse(PciAddress device, String holder) {
        return error("PCI device " + device.format() + " is assigned to running domain '" + holder
                + "'", VIR_ERR_OPERATION_INVALID, VIR_FROM_NONE,
                INVALID + "PCI device " + device.format() + " is in use by driver QEMU, domain " + holder);
    }

    /** An unmanaged PCI device still bound to its host driver (virhostdev.c, from libvirt's source): 55/0. */
    static VirtException pciNotDetached(PciAddress device) {
        return error("unmanaged PCI device " + device.format() + " is not bound to vfio-pci",
                VIR_ERR_OPERATION_INVALID, VIR_FROM_NONE,
                INVALID + "Unmanaged PCI device " + device.format() + " must be manually detached from the host");
    }

    /** A PCI device the host lacks (virpci.c, from libvirt's source): 38/0. */
    static VirtException pciMissing(PciAddress device) {
        String path = "/sys/bus/pci/devices/" + device.format() + "/config";
        return error("the host has no PCI device " + device.format(), VIR_ERR_SYSTEM_ERROR,
                VIR_FROM_NONE, "Device " + device.format() + " not found: could not access " + path
                        + ": No such file or directory");
    }

    /** A device whose IOMMU group has members on host drivers: QEMU's vfio refuses it (from QEMU's source). 1/10. */
    static VirtException groupNotViable(PciAddress device, int group, String timestamp) {
        return startError("IOMMU group " + group + " of " + device.format()
                + " has devices bound to host drivers", VIR_ERR_INTERNAL_ERROR, VIR_FROM_QEMU,
                "internal error: qemu unexpectedly closed the monitor: " + timestamp
                        + " qemu-system-x86_64: -device vfio-pci,host=" + device.format() + ": vfio " + device.format()
                        + ": group " + group + " is not viable\nPlease ensure all devices within the iommu_group are "
                        + "bound to their vfio bus driver.");
    }

    // ---- node

    /** Free pages of a size a node has no pool of. QEMU host: 9/0: HostResourceException by its message. */
    static VirtException noPageSize(int node, PageSize size) {
        return error("node " + node + " has no " + size + " pages", VIR_ERR_OPERATION_FAILED,
                VIR_FROM_NONE, "operation failed: page size " + size.kib() + " is not available on node " + node);
    }

    /**
     * A node the host lacks. QEMU host: 1/0 "internal error: start cell 7 out of range (0-0)" (transcript.txt,
     * transcript-issue19.txt): NotFoundException by its message. (The test driver answers for any node.)
     */
    static VirtException noNode(int node, int lastNode) {
        return error("the host has no node " + node, VIR_ERR_INTERNAL_ERROR, VIR_FROM_NONE,
                "internal error: start cell " + node + " out of range (0-" + lastNode + ")");
    }

    // ---- the connection

    /** Any call after the daemon went away (virnetclient.c, from libvirt's source): 1/7. */
    static VirtException connectionLost(String operation) {
        return error(operation + ": the connection to the hypervisor is lost",
                VIR_ERR_INTERNAL_ERROR, VIR_FROM_RPC, "internal error: client socket is closed");
    }

    /** Any call after {@code close()}: 6/0, {@link io.virtforge.connect.ConnectionClosedException} as on libvirt. */
    static VirtException closed(String operation) {
        return LibvirtErrors.closed(operation);
    }
}
