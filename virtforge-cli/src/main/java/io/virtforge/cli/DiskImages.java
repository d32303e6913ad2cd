package io.virtforge.cli;

import io.virtforge.value.DataSize;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes a VM's disk image: {@code qemu-img create -f qcow2 PATH SIZE} for a libvirt host on this machine;
 * for the fake host and libvirt's test driver (which read no image) a sparse file of the size stands in.
 * Never overwrites a file, and never makes the folder (the command does, as a step it can undo).
 */
final class DiskImages {
    /** How an image is made. */
    enum How {
        /** {@code qemu-img create -f qcow2}. */
        QEMU_IMG("qemu-img create -f qcow2"),
        /** A sparse file of the size (no qcow2 header: nothing reads it). */
        SPARSE("a sparse file standing in for the image");

        final String description;

        How(String description) {
            this.description = description;
        }
    }

    private DiskImages() {
    }

    /** Makes the image; throws IOException (with qemu-img's words) when it cannot. */
    static void create(Path path, DataSize size, How how) throws IOException {
        if (Files.exists(path)) {
            throw new IOException(path + " exists already");
        }
        if (how == How.SPARSE) {
            Files.createFile(path);
            try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
                f.setLength(size.bytes());
            } catch (IOException e) {
                // the file is ours and useless: no empty stand-in is left behind
                Files.deleteIfExists(path);
                throw new IOException("cannot make a " + Sizes.human(size) + " file: " + IoMessages.describe(e), e);
            }
            return;
        }
        Process p;
        try {
            p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", path.toString(),
                    Long.toString(size.bytes())).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run qemu-img (install qemu-utils): " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Files.deleteIfExists(path);
                throw new IOException("qemu-img did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while qemu-img ran", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            Files.deleteIfExists(path);
            throw new IOException("qemu-img create failed (exit " + p.exitValue() + "): " + output);
        }
    }
}
