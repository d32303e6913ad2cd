/*
 * The I/O floor of host discovery: replays the file operations that HostDiscovery performs on a sysfs tree
 * (recorded by io.virtforge.benchmarks.SysfsOps into a list, one "KIND<TAB>path" per line) with raw system
 * calls and nothing else, PASSES times, and prints mean / min / median / max milliseconds per pass (wall clock
 * and process CPU time).
 *   read      open(O_RDONLY), read() into a 4 KiB buffer until 0, close()   (a missing file: the failed open)
 *   list      opendir(), readdir() until NULL, closedir()
 *   readlink  readlink()
 *   exists    stat()                  isdir   stat() and S_ISDIR
 * With THREADS > 1 the operations are split into THREADS contiguous slices replayed by as many threads at
 * once (discovery reads CPUs and PCI functions in parallel on the machine's cores).
 * Build: cc -O2 -pthread -o sysfs_floor sysfs_floor.c      Run: ./sysfs_floor OPS.txt [PASSES=30] [THREADS=1]
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum kind { K_READ, K_LIST, K_READLINK, K_EXISTS, K_ISDIR };
struct op { enum kind kind; char *path; };

static double now_ms(clockid_t c) {
    struct timespec t;
    clock_gettime(c, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static long replay(struct op *ops, size_t n) {
    char buf[4096];
    long sum = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        switch (ops[i].kind) {
        case K_READ: {
            int fd = open(ops[i].path, O_RDONLY | O_CLOEXEC);
            if (fd < 0) { sum--; break; }
            ssize_t r;
            while ((r = read(fd, buf, sizeof buf)) > 0) sum += r;
            close(fd);
            break;
        }
        case K_LIST: {
            DIR *d = opendir(ops[i].path);
            if (!d) { sum--; break; }
            struct dirent *e;
            while ((e = readdir(d)) != NULL) sum += e->d_name[0];
            closedir(d);
            break;
        }
        case K_READLINK: {
            ssize_t r = readlink(ops[i].path, buf, sizeof buf);
            sum += r;
            break;
        }
        case K_EXISTS:
            sum += stat(ops[i].path, &st) == 0;
            break;
        case K_ISDIR:
            sum += stat(ops[i].path, &st) == 0 && S_ISDIR(st.st_mode);
            break;
        }
    }
    return sum;
}

struct slice { struct op *ops; size_t n; long sum; };

static void *run_slice(void *arg) {
    struct slice *s = arg;
    s->sum = replay(s->ops, s->n);
    return NULL;
}

/* One pass over all operations, split over `threads` threads (1: in the calling thread). */
static long pass(struct op *ops, size_t n, int threads) {
    if (threads <= 1) return replay(ops, n);
    pthread_t t[64];
    struct slice s[64];
    size_t per = (n + threads - 1) / threads;
    for (int i = 0; i < threads; i++) {
        size_t from = i * per < n ? i * per : n, to = (i + 1) * per < n ? (i + 1) * per : n;
        s[i] = (struct slice){ops + from, to - from, 0};
        pthread_create(&t[i], NULL, run_slice, &s[i]);
    }
    long sum = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        sum += s[i].sum;
    }
    return sum;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s OPS.txt [PASSES] [THREADS]\n", argv[0]);
        return 2;
    }
    int passes = argc > 2 ? atoi(argv[2]) : 30;
    int threads = argc > 3 ? atoi(argv[3]) : 1;
    if (threads < 1) threads = 1;
    if (threads > 64) threads = 64;
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 1; }
    size_t cap = 1024, n = 0;
    struct op *ops = malloc(cap * sizeof *ops);
    char *line = NULL;
    size_t len = 0;
    int counts[5] = {0};
    while (getline(&line, &len, f) > 0) {
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = 0;
        char *path = tab + 1;
        path[strcspn(path, "\n")] = 0;
        enum kind k = !strcmp(line, "read") ? K_READ : !strcmp(line, "list") ? K_LIST
                    : !strcmp(line, "readlink") ? K_READLINK : !strcmp(line, "exists") ? K_EXISTS : K_ISDIR;
        if (n == cap) ops = realloc(ops, (cap *= 2) * sizeof *ops);
        ops[n].kind = k;
        ops[n].path = strdup(path);
        counts[k]++;
        n++;
    }
    fclose(f);
    double *wall = malloc(passes * sizeof *wall), *cpu = malloc(passes * sizeof *cpu);
    long check = replay(ops, n); /* warm the dentry cache once */
    for (int p = 0; p < passes; p++) {
        double w0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
        check ^= pass(ops, n, threads);
        cpu[p] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
        wall[p] = now_ms(CLOCK_MONOTONIC) - w0;
    }
    double wall_sum = 0, cpu_sum = 0;
    for (int p = 0; p < passes; p++) {
        wall_sum += wall[p];
        cpu_sum += cpu[p];
    }
    qsort(wall, passes, sizeof *wall, cmp);
    qsort(cpu, passes, sizeof *cpu, cmp);
    printf("C floor: %zu operations (read %d, list %d, readlink %d, exists %d, isdir %d), %d passes, %d thread(s)\n",
           n, counts[K_READ], counts[K_LIST], counts[K_READLINK], counts[K_EXISTS], counts[K_ISDIR], passes, threads);
    printf("C floor wall_ms mean %.2f min %.2f median %.2f max %.2f; cpu_ms mean %.2f min %.2f median %.2f max %.2f; "
           "%.2f us of wall time per operation (mean)  [check %ld]\n",
           wall_sum / passes, wall[0], wall[passes / 2], wall[passes - 1], cpu_sum / passes, cpu[0], cpu[passes / 2],
           cpu[passes - 1], wall_sum / passes * 1000 / n, check & 1);
    return 0;
}
