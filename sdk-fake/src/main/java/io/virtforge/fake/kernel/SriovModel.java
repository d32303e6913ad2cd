package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import io.virtforge.host.sysfs.Errno;
import io.virtforge.fake.kernel.fs.DynamicAttribute;
import io.virtforge.fake.kernel.fs.FakeFile;
import io.virtforge.fake.kernel.fs.FakeTree;
import io.virtforge.fake.kernel.fs.KernelError;
import io.virtforge.fake.kernel.fs.KernelText;
import io.virtforge.value.PciAddress;
import java.util.List;

/**
 * SR-IOV as {@code drivers/pci/iov.c} implements {@code sriov_numvfs}: the value is parsed as
 * {@code kstrtou16} (anything else {@code EINVAL}); more than {@code sriov_totalvfs} is {@code ERANGE};
 * the current number is a no-op; a physical function without a driver is {@code ENOENT}; 0 removes the
 * VFs; another non-zero number while VFs are enabled is {@code EBUSY}. Enabling creates each VF's PCI
 * function (routing id = PF's + offset + i * stride) beside the PF, with {@code physfn}/{@code virtfnN}
 * links, the PF's vendor, class and NUMA node, its own IOMMU group (the next free number, or the one
 * {@link SriovSpec#vfIommuGroups} gives), and probes it unless
 * {@code sriov_drivers_autoprobe} is 0. A driver may enable fewer VFs than asked
 * ({@link WriteFaults#limitSriovVfs}): the write succeeds and {@code sriov_numvfs} shows how many.
 * Unbinding the PF's driver disables its VFs, as drivers do on removal.
 */
final class SriovModel implements BindingListener {
    private static final int U16_MAX = 0xFFFF;
    private final FakeTree tree;
    private final PciDevices devices;
    private final PciDriverModel drivers;
    private final WriteFaults faults;

    SriovModel(FakeTree tree, PciDevices devices, PciDriverModel drivers, WriteFaults faults) {
        this.tree = tree;
        this.devices = devices;
        this.drivers = drivers;
        this.faults = faults;
    }

    /** Gives a physical function its SR-IOV capability and attributes; loads the VF driver. */
    void enableCapability(PciDeviceState pf, SriovState sriov) {
        pf.sriov = sriov;
        drivers.ensure(sriov.vfDriver).staticIds.add(new PciId(pf.id.vendor(), sriov.vfDevice));
        tree.put(pf.attribute("sriov_totalvfs"), FakeFile.readOnly(sriov.totalVfs + "\n"));
        tree.put(pf.attribute("sriov_offset"), FakeFile.readOnly(sriov.offset + "\n"));
        tree.put(pf.attribute("sriov_stride"), FakeFile.readOnly(sriov.stride + "\n"));
        tree.put(pf.attribute("sriov_vf_device"), FakeFile.readOnly(String.format("%04x\n", sriov.vfDevice)));
        tree.put(pf.attribute("sriov_numvfs"), FakeFile.of(DynamicAttribute.of(
                () -> sriov.vfs.size() + "\n", v -> writeNumVfs(pf, v))));
        tree.put(pf.attribute("sriov_drivers_autoprobe"), FakeFile.of(DynamicAttribute.of(
                () -> (sriov.autoprobe ? 1 : 0) + "\n", v -> sriov.autoprobe = KernelText.parseBool(v))));
    }

    private void writeNumVfs(PciDeviceState pf, String value) {
        long requested;
        try {
            requested = KernelText.parseUnsigned(value, 0, U16_MAX);
        } catch (KernelError e) {
            throw new KernelError(Errno.EINVAL, "sriov_numvfs: not a u16: '" + value.strip() + "'");
        }
        SriovState sriov = pf.sriov;
        int n = (int) requested;
        if (n > sriov.totalVfs) {
            throw new KernelError(Errno.ERANGE, n + " VFs > sriov_totalvfs " + sriov.totalVfs);
        }
        if (n == sriov.vfs.size()) {
            return;
        }
        if (pf.boundDriver == null) {
            throw new KernelError(Errno.ENOENT, "no driver bound to " + pf.address + "; cannot configure SR-IOV");
        }
        if (n == 0) {
            disable(pf);
            return;
        }
        if (!sriov.vfs.isEmpty()) {
            throw new KernelError(Errno.EBUSY, sriov.vfs.size() + " VFs already enabled; disable before enabling " + n);
        }
        enable(pf, Math.min(n, faults.sriovLimit(pf.address).orElse(n)));
    }

    private void enable(PciDeviceState pf, int count) {
        SriovState sriov = pf.sriov;
        for (int i = 0; i < count; i++) {
            PciAddress address = vfAddress(pf, i);
            int group = sriov.vfGroups != null && i < sriov.vfGroups.length ? sriov.vfGroups[i] : devices.freeIommuGroup();
            PciDeviceState vf = new PciDeviceState(address, new PciId(pf.id.vendor(), sriov.vfDevice), pf.deviceClass,
                    pf.numaNode, group, pf.dir.parent().resolve(address), pf.address, sriov.vfDriver);
            devices.add(vf);
            drivers.register(vf);
            sriov.vfs.add(vf);
            tree.link(pf.dir.resolveNumbered("virtfn", i), vf.dir);
        }
        if (sriov.autoprobe) {
            sriov.vfs.forEach(drivers::autoprobe);
        }
    }

    private static PciAddress vfAddress(PciDeviceState pf, int index) {
        PciAddress a = pf.address;
        int rid = (a.bus() << 8 | a.slot() << 3 | a.function()) + pf.sriov.offset + index * pf.sriov.stride;
        if (rid > 0xFFFF) {
            throw new KernelError(Errno.EIO, "VF " + index + " of " + a + " is beyond bus 0xff");
        }
        return new PciAddress(a.domain(), rid >> 8, (rid >> 3) & 0x1F, rid & 7);
    }

    private void disable(PciDeviceState pf) {
        List<PciDeviceState> vfs = List.copyOf(pf.sriov.vfs);
        for (int i = vfs.size() - 1; i >= 0; i--) {
            PciDeviceState vf = vfs.get(i);
            drivers.detach(vf);
            tree.remove(pf.dir.resolveNumbered("virtfn", i));
            devices.remove(vf);
        }
        pf.sriov.vfs.clear();
    }

    @Override
    public void bound(PciDeviceState device, DriverName driver) {
        // enabling VFs is left to the user
    }

    @Override
    public void unbinding(PciDeviceState device, DriverName driver) {
        if (device.sriov != null && !device.sriov.vfs.isEmpty()) {
            disable(device);
        }
    }
}
