package io.virtforge.host.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrnoTest {

    @ParameterizedTest
    @EnumSource(value = Errno.class, mode = EnumSource.Mode.EXCLUDE, names = "OTHER")
    void everyStrerrorTextMapsBack(Errno errno) {
        assertThat(Errno.of(new IOException(errno.strerror()))).isEqualTo(errno);
        assertThat(Errno.of(new FileSystemException("/sys/x", null, errno.strerror()))).isEqualTo(errno);
        assertThat(Errno.ofNumber(errno.number())).isEqualTo(errno);
    }

    @Test
    void longestTextWins() {
        assertThat(Errno.ofMessage("No such device or address")).isEqualTo(Errno.ENXIO);
        assertThat(Errno.ofMessage("No such device")).isEqualTo(Errno.ENODEV);
        assertThat(Errno.ofMessage("/sys/bus/pci/x: No such device")).isEqualTo(Errno.ENODEV);
    }

    @Test
    void exceptionTypesMap() {
        assertThat(Errno.of(new NoSuchFileException("/x"))).isEqualTo(Errno.ENOENT);
        assertThat(Errno.of(new AccessDeniedException("/x"))).isEqualTo(Errno.EACCES);
        assertThat(Errno.of(new AccessDeniedException("/x", null, "Operation not permitted"))).isEqualTo(Errno.EPERM);
        assertThat(Errno.of(new FileAlreadyExistsException("/x"))).isEqualTo(Errno.EEXIST);
        assertThat(Errno.of(new NotDirectoryException("/x"))).isEqualTo(Errno.ENOTDIR);
        assertThat(Errno.of(new NotLinkException("/x"))).isEqualTo(Errno.EINVAL);
    }

    @Test
    void unknownTextsAreOther() {
        assertThat(Errno.of(new IOException("Ungültiges Argument"))).isEqualTo(Errno.OTHER);
        assertThat(Errno.of(new IOException((String) null))).isEqualTo(Errno.OTHER);
        assertThat(Errno.ofNumber(9999)).isEqualTo(Errno.OTHER);
    }
}
