package io.virtforge.fake.libvirt;

import static io.virtforge.connect.LibvirtErrors.VIR_ERR_CONFIG_UNSUPPORTED;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_INTERNAL_ERROR;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_NO_NODE_DEVICE;
import static io.virtforge.connect.LibvirtErrors.VIR_ERR_OPERATION_INVALID;
import static io.virtforge.connect.LibvirtErrors.VIR_FROM_NODEDEV;

import io.virtforge.connect.LibvirtErrors;
import io.virtforge.connect.VirtException;

/**
 * What libvirt 9.0's node device driver answers to a misused mediated device call. The lookups, the parent checks
 * and the state checks were probed on the tests' private libvirtd ({@code evidence/libvirt-9.0/transcript-mdev.txt});
 * the refusals of {@code mdevctl} (which that host lacks) are libvirt 9.0's {@code "Unable to start mediated device:
 * %s"} (node_device_driver.c, error domain NODEDEV) around mdevctl 1.2's messages, which it prints as
 * {@code Error: <message>}; both read in their sources. The class comes from {@link LibvirtErrors}, as everywhere.
 */
final class MdevErrors {
    private MdevErrors() {
    }

    private static VirtException error(String message, int code, String libvirtMessage) {
        return LibvirtErrors.exception(message, code, VIR_FROM_NODEDEV, libvirtMessage, LibvirtErrors.Call.GENERAL);
    }

    /** 53/22 "Node device not found: no node device with matching name 'N'" (probed). */
    static VirtException noNodeDevice(String name) {
        return error("no node device named '" + name + "'", VIR_ERR_NO_NODE_DEVICE,
                "Node device not found: no node device with matching name '" + name + "'");
    }

    /** 67/22 "unsupported configuration: invalid parent device 'P'" (probed: create and define). */
    static VirtException invalidParent(String parent) {
        return error("no parent device '" + parent + "'", VIR_ERR_CONFIG_UNSUPPORTED,
                "unsupported configuration: invalid parent device '" + parent + "'");
    }

    /** 1/22 "internal error: Unable to start mediated device: Error: M", M being mdevctl's message (sources). */
    static VirtException mdevctlStart(String mdevctlMessage) {
        return error("mdevctl refused to start the mediated device: " + mdevctlMessage, VIR_ERR_INTERNAL_ERROR,
                "internal error: Unable to start mediated device: Error: " + mdevctlMessage);
    }

    /** 55/22 "Requested operation is not valid: Device 'N' is not active" (nodeDeviceDestroy, source). */
    static VirtException notActive(String name) {
        return error("mediated device '" + name + "' is not active", VIR_ERR_OPERATION_INVALID,
                "Requested operation is not valid: Device '" + name + "' is not active");
    }

    /** 55/22 "Requested operation is not valid: Device is already active" (probed on a PCI device). */
    static VirtException alreadyActive(String name) {
        return error("mediated device '" + name + "' is already active", VIR_ERR_OPERATION_INVALID,
                "Requested operation is not valid: Device is already active");
    }

    /** 55/22 "Requested operation is not valid: Node device 'N' is not defined" (probed on a PCI device). */
    static VirtException notDefined(String name) {
        return error("mediated device '" + name + "' is not defined", VIR_ERR_OPERATION_INVALID,
                "Requested operation is not valid: Node device '" + name + "' is not defined");
    }

    /**
     * 1/22 "internal error: Unable to destroy 'N': device in use" (nodeDeviceDestroy, source: a running guest holds
     * the instance's VFIO group, so opening it gives EBUSY).
     */
    static VirtException inUse(String name) {
        return error("mediated device '" + name + "' is in use by a running domain", VIR_ERR_INTERNAL_ERROR,
                "internal error: Unable to destroy '" + name + "': device in use");
    }
}
