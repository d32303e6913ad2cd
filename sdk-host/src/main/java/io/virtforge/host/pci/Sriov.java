package io.virtforge.host.pci;

import io.virtforge.host.sysfs.HostChangeException;
import io.virtforge.host.sysfs.KeepPartial;
import io.virtforge.host.sysfs.KernelValues;
import io.virtforge.host.sysfs.PciDevicePaths;
import io.virtforge.host.sysfs.Sysfs;
import io.virtforge.host.sysfs.SysfsPath;
import io.virtforge.host.sysfs.SysfsTransaction;
import io.virtforge.topology.PciDevice;
import io.virtforge.value.PciAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SR-IOV physical and virtual functions: list the PFs ({@code sriov_totalvfs}), map VFs to their PF and
 * NUMA node ({@code virtfnN}, {@code physfn}), and set a PF's VF count as a transaction. The kernel refuses
 * to change a non-zero count directly ({@code EBUSY}), so a change writes 0 first, then the new count,
 * and reads back how many VFs the driver really enabled.
 */
public final class Sriov {
    private static final Logger LOG = LoggerFactory.getLogger(Sriov.class);
    private final Sysfs sysfs;
    private final PciDeviceReader reader;

    /** SR-IOV on the host behind {@code sysfs}. */
    public Sriov(Sysfs sysfs) {
        this.sysfs = sysfs;
        this.reader = new PciDeviceReader(sysfs);
    }

    /** Every physical function, in address order. */
    public List<SriovPhysicalFunction> physicalFunctions() {
        List<SriovPhysicalFunction> pfs = new ArrayList<>();
        for (PciAddress a : reader.addresses()) {
            if (sysfs.exists(PciDevicePaths.sriovTotalVfs(a))) {
                pfs.add(physicalFunction(a).orElseThrow());
            }
        }
        return pfs;
    }

    /** A physical function; empty when the device does not exist or has no SR-IOV capability. */
    public Optional<SriovPhysicalFunction> physicalFunction(PciAddress pf) {
        Optional<PciDevice> device = reader.find(pf);
        if (device.isEmpty() || device.get().sriovTotalVfs().isEmpty()) {
            return Optional.empty();
        }
        PciDevice d = device.get();
        List<SriovVirtualFunction> vfs = new ArrayList<>();
        for (int i = 0; i < d.virtfns().size(); i++) {
            PciDevice vf = reader.read(d.virtfns().get(i));
            vfs.add(new SriovVirtualFunction(vf.address(), pf, i, vf.numaNode(), vf.driver()));
        }
        Optional<Boolean> autoprobe = sysfs.readTrimmedIfExists(PciDevicePaths.sriovDriversAutoprobe(pf))
                .map(v -> !v.equals("0"));
        return Optional.of(new SriovPhysicalFunction(pf, d.sriovTotalVfs().getAsInt(), numVfs(pf), vfs, d.numaNode(),
                d.driver(), autoprobe));
    }

    /** The PF of a virtual function; empty when it is not one. */
    public Optional<PciAddress> physicalFunctionOf(PciAddress vf) {
        SysfsPath link = PciDevicePaths.physfn(vf);
        return sysfs.exists(link) ? Optional.of(PciAddress.parse(sysfs.readLinkName(link))) : Optional.empty();
    }

    /** A virtual function with its PF, index and NUMA node; empty when it is not one. */
    public Optional<SriovVirtualFunction> virtualFunction(PciAddress vf) {
        return physicalFunctionOf(vf).flatMap(this::physicalFunction)
                .flatMap(pf -> pf.vfs().stream().filter(v -> v.address().equals(vf)).findFirst());
    }

    private int numVfs(PciAddress pf) {
        return KernelValues.integer(sysfs.readTrimmed(PciDevicePaths.sriovNumVfs(pf))).orElse(0);
    }

    /**
     * Sets a PF's VF count: 0 first when changing a non-zero count, then {@code count}, read back. When the
     * driver enables fewer, {@link KeepPartial#RESTORE} puts the previous count back. With
     * {@link VfProbe#SUPPRESS}, {@code sriov_drivers_autoprobe} is 0 while the VFs are created and restored
     * afterwards, so host drivers do not claim them. A failed step undoes the others.
     *
     * @throws IllegalArgumentException when the device is not an SR-IOV PF or the count exceeds its total
     * @throws HostChangeException      when the kernel refuses a step (the previous state is restored)
     */
    public VfCountChange setVfCount(PciAddress pf, int count, KeepPartial keep, VfProbe probe) {
        SriovPhysicalFunction function = physicalFunction(pf)
                .orElseThrow(() -> new IllegalArgumentException(pf + " is not an SR-IOV physical function"));
        if (count < 0 || count > function.totalVfs()) {
            throw new IllegalArgumentException(pf + " supports 0 to " + function.totalVfs() + " VFs, not " + count);
        }
        int before = function.numVfs();
        if (before == count) {
            return new VfCountChange(pf, before, count, before, before);
        }
        return SysfsTransaction.run(sysfs, "set " + pf + " to " + count + " VFs", tx -> {
            tx.onRollback("restore " + before + " VFs on " + pf, () -> enable(pf, before));
            boolean suppress = probe == VfProbe.SUPPRESS && function.autoprobe().orElse(false);
            SysfsPath autoprobe = PciDevicePaths.sriovDriversAutoprobe(pf);
            if (suppress) {
                tx.writeRestoring(autoprobe, "0", "1");
            }
            enable(pf, count);
            int granted = numVfs(pf);
            if (suppress) {
                tx.write(autoprobe, "1");
            }
            int after = granted;
            if (granted != count && keep == KeepPartial.RESTORE) {
                LOG.info("{}: asked {} VFs, driver enabled {}; restoring {}", pf, count, granted, before);
                enable(pf, before);
                after = numVfs(pf);
            }
            VfCountChange change = new VfCountChange(pf, before, count, granted, after);
            LOG.info("{}", change);
            return change;
        });
    }

    /** Writes 0 and then {@code count}, as the kernel demands for a change of a non-zero count. */
    private void enable(PciAddress pf, int count) {
        SysfsPath numVfs = PciDevicePaths.sriovNumVfs(pf);
        int now = numVfs(pf);
        if (now == count) {
            return;
        }
        if (now != 0) {
            sysfs.write(numVfs, "0");
        }
        if (count != 0) {
            sysfs.write(numVfs, Integer.toString(count));
        }
    }
}
