package io.virtforge.topology;

import java.util.Objects;
import java.util.Optional;

/**
 * One mediated device type a parent device offers ({@code mdev_supported_types/<id>} in sysfs, a
 * {@code <type>} of libvirt's {@code mdev_types} capability), e.g. a vGPU profile.
 *
 * @param id                 the type id, e.g. {@code nvidia-63} or {@code i915-GVTg_V5_4}
 * @param name               the vendor's name for it, e.g. {@code GRID P4-1Q}
 * @param description        the vendor's description (sysfs only)
 * @param deviceApi          the API the instances speak: {@code vfio-pci}, {@code vfio-ccw}, {@code vfio-ap}
 * @param availableInstances how many more instances the parent can create now
 */
public record MdevType(String id, Optional<String> name, Optional<String> description, String deviceApi,
        int availableInstances) {
    /** Checks the parts. */
    public MdevType {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(deviceApi, "deviceApi");
        if (availableInstances < 0) {
            throw new IllegalArgumentException("available instances of " + id + " cannot be negative");
        }
    }

    /** This type with another count of available instances. */
    public MdevType withAvailableInstances(int count) {
        return new MdevType(id, name, description, deviceApi, count);
    }
}
