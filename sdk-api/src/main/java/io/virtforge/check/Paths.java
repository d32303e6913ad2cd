package io.virtforge.check;

/** The element paths findings name, in one place so that rules agree on them. */
final class Paths {
    private Paths() {
    }

    static String vcpupin(int vcpu) {
        return "/domain/cputune/vcpupin[@vcpu='" + vcpu + "']";
    }

    static String iothreadpin(int iothread) {
        return "/domain/cputune/iothreadpin[@iothread='" + iothread + "']";
    }

    static String cell(int id) {
        return "/domain/cpu/numa/cell[@id='" + id + "']";
    }

    static String memnode(int cell) {
        return "/domain/numatune/memnode[@cellid='" + cell + "']";
    }

    static String device(String kind, int indexFromZero) {
        return "/domain/devices/" + kind + "[" + (indexFromZero + 1) + "]";
    }

    static final String EMULATORPIN = "/domain/cputune/emulatorpin";
    static final String CPUTUNE = "/domain/cputune";
    static final String NUMATUNE_MEMORY = "/domain/numatune/memory";
    static final String MEMORY_BACKING = "/domain/memoryBacking";
    static final String HUGEPAGES = "/domain/memoryBacking/hugepages";
    static final String VCPU = "/domain/vcpu";
    static final String CPU = "/domain/cpu";
    static final String TOPOLOGY = "/domain/cpu/topology";
    static final String MEMORY = "/domain/memory";
    static final String IOTHREADS = "/domain/iothreads";
    static final String MEMBALLOON = "/domain/devices/memballoon";
    static final String MEMTUNE = "/domain/memtune";
}
