package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_ARGUMENT_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_QEMU;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.VirtException;

/**
 * What libvirt 9.0's QEMU driver answers to a misused QoS call, as {@code virsh schedinfo}, {@code memtune},
 * {@code blkdeviotune} and {@code domiftune} printed them against the tests' private libvirtd (the messages here
 * are verbatim); the class comes from {@link LibvirtErrors}, as everywhere.
 */
final class QosErrors {
    private QosErrors() {
    }

    /** 8/10 "invalid argument: value of 'vcpu_quota' is out of range [1000, 17592186044415]". */
    static VirtException outOfRange(String parameter, long min, long max) {
        return FakeErrors.invalidArgument("value of '" + parameter + "' is out of range [" + min + ", " + max + "]",
                VIR_FROM_QEMU);
    }

    /** 8/10 "invalid argument: disk 'vdz' not found in domain" (a live change or read). */
    static VirtException liveDiskMissing(String disk) {
        return FakeErrors.invalidArgument("disk '" + disk + "' not found in domain", VIR_FROM_QEMU);
    }

    /** 8/10 "invalid argument: missing persistent configuration for disk 'vdz'". */
    static VirtException configDiskMissing(String disk) {
        return FakeErrors.invalidArgument("missing persistent configuration for disk '" + disk + "'", VIR_FROM_QEMU);
    }

    /** 8/10 "invalid argument: total and read/write of bytes_sec cannot be set at the same time". */
    static VirtException totalWithSplit(String what) {
        return FakeErrors.invalidArgument("total and read/write of " + what + " cannot be set at the same time",
                VIR_FROM_QEMU);
    }

    /** 67/10 "unsupported configuration: value 'read_iops_sec_max' cannot be smaller than 'read_iops_sec'". */
    static VirtException burstBelowRate(String burst, String rate) {
        return unsupported("value '" + burst + "' cannot be smaller than '" + rate + "'");
    }

    /** 67/10 "unsupported configuration: value 'x_max_length' cannot be set if 'x_max' is not set". */
    static VirtException lengthWithoutBurst(String length, String burst) {
        return unsupported("value '" + length + "' cannot be set if '" + burst + "' is not set");
    }

    /** 67/10 a floor on an interface that is not on a libvirt network. */
    static VirtException floorNotOnNetwork(String mac) {
        return unsupported("Invalid use of 'floor' on interface with MAC address '" + mac
                + "' - 'floor' is only supported for interface type 'network' with forward type 'nat', 'route', "
                + "'open' or none");
    }

    /** 8/10 "invalid argument: memory hard_limit tunable value must be lower than or equal to swap_hard_limit". */
    static VirtException hardAboveSwap() {
        return FakeErrors.invalidArgument("memory hard_limit tunable value must be lower than or equal to "
                + "swap_hard_limit", VIR_FROM_QEMU);
    }

    /** 74/10 "argument unsupported: parameter 'min_guarantee' not supported" (QEMU has no such limit). */
    static VirtException parameterUnsupported(String parameter) {
        String m = "argument unsupported: parameter '" + parameter + "' not supported";
        return LibvirtErrors.exception(m, VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_FROM_QEMU, m, LibvirtErrors.Call.GENERAL);
    }

    private static VirtException unsupported(String detail) {
        String m = "unsupported configuration: " + detail;
        return LibvirtErrors.exception(detail, VIR_ERR_CONFIG_UNSUPPORTED, VIR_FROM_QEMU, m, LibvirtErrors.Call.GENERAL);
    }
}
