package io.virtforge.fake.kernel;

import io.virtforge.host.sysfs.DriverName;
import java.util.ArrayList;
import java.util.List;

/** The SR-IOV capability of a physical function and its enabled virtual functions. */
final class SriovState {
    final int totalVfs;
    final int vfDevice;
    final DriverName vfDriver;
    final int offset;
    final int stride;
    boolean autoprobe = true;
    /** Explicit IOMMU groups of the VFs by index, or {@code null} for the next free numbers. */
    int[] vfGroups;
    final List<PciDeviceState> vfs = new ArrayList<>();

    SriovState(int totalVfs, int vfDevice, DriverName vfDriver, int offset, int stride) {
        this.totalVfs = totalVfs;
        this.vfDevice = vfDevice;
        this.vfDriver = vfDriver;
        this.offset = offset;
        this.stride = stride;
    }
}
