package io.virtforge.connect;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A host's mediated devices (vGPU profiles and their instances) as libvirt's node device API exposes them: the
 * parents (node devices with the {@code mdev_types} capability) with their types, the instances (node devices
 * of capability {@code mdev}), and their lifecycle: {@link #create} ({@code virNodeDeviceCreateXML}, a
 * transient instance), {@link #define} and {@link #start} ({@code virNodeDeviceDefineXML} and
 * {@code virNodeDeviceCreate}: a persistent one, libvirt 7.3 and later through {@code mdevctl}),
 * {@link #destroy} ({@code virNodeDeviceDestroy}) and {@link #undefine} ({@code virNodeDeviceUndefine}). Got from
 * {@link VirtConnection#mdevs()}.
 *
 * <p><b>Errors</b> are libvirt's, classified by {@link LibvirtErrors} as for every call: a parent the host does not
 * have is a {@link NotFoundException} ("invalid parent device"), a type without available instances a
 * {@link HostResourceException}, a host (or driver) that cannot make mediated devices, such as libvirt without
 * {@code mdevctl} or the test driver, a {@link NotSupportedException}, an instance that is not there a
 * {@link NotFoundException}, and one in the wrong state (destroying an inactive one, undefining a transient one)
 * an {@link InvalidStateException}.
 */
public interface MediatedDevices {
    /** Every device that can create mediated devices, with its types and their available instances now. */
    List<MdevParentDevice> parents();

    /** Every mediated device: the active ones and, where the host keeps definitions, the defined inactive ones. */
    List<MdevDevice> devices();

    /** The mediated devices of a UUID (more than one only for definitions of one UUID on several parents). */
    default List<MdevDevice> devices(UUID uuid) {
        return devices().stream().filter(d -> d.uuid().equals(uuid)).toList();
    }

    /** A mediated device by its node device name, e.g. {@code mdev_<uuid>_0000_31_00_0}. */
    default Optional<MdevDevice> device(String name) {
        return devices().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** Creates and starts a transient instance; gone when destroyed. */
    MdevDevice create(MdevDefinition definition);

    /** Defines a persistent instance without starting it. */
    MdevDevice define(MdevDefinition definition);

    /** Starts a defined, inactive instance. */
    MdevDevice start(String name);

    /** Stops an active instance (a transient one is then gone; a defined one stays, inactive). */
    void destroy(String name);

    /** Removes the definition of a persistent instance (an active one keeps running, then transient). */
    void undefine(String name);

    /**
     * The facet of a connection that has no node devices: every call throws {@link NotSupportedException} with
     * libvirt's NO_SUPPORT.
     *
     * @param uri the connection's URI, for the messages
     */
    static MediatedDevices unsupported(String uri) {
        return new UnsupportedMdevs(uri);
    }
}
