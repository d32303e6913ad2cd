/* Probe libvirt's errors: runs a script of operations on one connection and prints each result
 * with libvirt's error code, error domain and message. Declarations written by hand (no headers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
extern int virEventRegisterDefaultImpl(void);
extern int virEventRunDefaultImpl(void);
extern const char *virDomainGetName(void *);
typedef void (*virConnectDomainEventGenericCallback)(void *, void *, void *);
extern int virConnectDomainEventRegisterAny(void *, void *, int, virConnectDomainEventGenericCallback, void *, void *);
static const char *evnames[] = {"DEFINED","UNDEFINED","STARTED","SUSPENDED","RESUMED","STOPPED","SHUTDOWN","PMSUSPENDED","CRASHED"};
static int lifecycle(void *c, void *d, int ev, int detail, void *o) { printf("    EVENT %s %s detail=%d\n", virDomainGetName(d), evnames[ev], detail); fflush(stdout); return 0; }
static void *loop(void *x) { for (;;) virEventRunDefaultImpl(); return NULL; }

typedef void *virConnectPtr;
typedef void *virDomainPtr;
typedef void *virNodeDevicePtr;
typedef struct { int code; int domain; char *message; int level; void *conn; void *dom;
                 char *str1; char *str2; char *str3; int int1; int int2; void *net; } virError;
extern virConnectPtr virConnectOpen(const char *);
extern virError *virGetLastError(void);
extern void virResetLastError(void);
extern virDomainPtr virDomainDefineXML(virConnectPtr, const char *);
extern virDomainPtr virDomainCreateXML(virConnectPtr, const char *, unsigned int);
extern virDomainPtr virDomainLookupByName(virConnectPtr, const char *);
extern virDomainPtr virDomainLookupByUUIDString(virConnectPtr, const char *);
extern int virDomainCreate(virDomainPtr);
extern int virDomainDestroy(virDomainPtr);
extern int virDomainSuspend(virDomainPtr);
extern int virDomainResume(virDomainPtr);
extern int virDomainShutdown(virDomainPtr);
extern int virDomainReboot(virDomainPtr, unsigned int);
extern int virDomainUndefineFlags(virDomainPtr, unsigned int);
extern int virDomainAttachDeviceFlags(virDomainPtr, const char *, unsigned int);
extern int virDomainDetachDeviceFlags(virDomainPtr, const char *, unsigned int);
extern int virDomainUpdateDeviceFlags(virDomainPtr, const char *, unsigned int);
extern int virDomainPinVcpuFlags(virDomainPtr, unsigned int, unsigned char *, int, unsigned int);
extern int virDomainPinEmulator(virDomainPtr, unsigned char *, int, unsigned int);
extern int virDomainPinIOThread(virDomainPtr, unsigned int, unsigned char *, int, unsigned int);
extern int virDomainSetMemoryFlags(virDomainPtr, unsigned long, unsigned int);
extern char *virDomainGetXMLDesc(virDomainPtr, unsigned int);
extern int virDomainGetState(virDomainPtr, int *, int *, unsigned int);
extern int virDomainIsPersistent(virDomainPtr);
extern int virDomainGetUUIDString(virDomainPtr, char *);
extern int virNodeGetFreePages(virConnectPtr, unsigned int, unsigned int *, int, int, unsigned long long *, unsigned int);
extern int virNodeAllocPages(virConnectPtr, unsigned int, unsigned int *, unsigned long long *, int, int, unsigned int);
extern virNodeDevicePtr virNodeDeviceLookupByName(virConnectPtr, const char *);
extern int virNodeDeviceDetachFlags(virNodeDevicePtr, const char *, unsigned int);
extern int virNodeDeviceReAttach(virNodeDevicePtr);
extern virNodeDevicePtr virNodeDeviceCreateXML(virConnectPtr, const char *, unsigned int);
extern virNodeDevicePtr virNodeDeviceDefineXML(virConnectPtr, const char *, unsigned int);
extern int virNodeDeviceCreate(virNodeDevicePtr, unsigned int);
extern int virNodeDeviceDestroy(virNodeDevicePtr);
extern int virNodeDeviceUndefine(virNodeDevicePtr, unsigned int);
extern const char *virNodeDeviceGetName(virNodeDevicePtr);
extern char *virNodeDeviceGetXMLDesc(virNodeDevicePtr, unsigned int);
extern int virConnectListAllNodeDevices(virConnectPtr, virNodeDevicePtr **, unsigned int);
typedef struct { char field[80]; int type; union { int i; unsigned int ui; long long l; unsigned long long ul; double d; char b; char *s; } value; } virTypedParameter;
extern int virDomainSetNumaParameters(virDomainPtr, virTypedParameter *, int, unsigned int);
extern int virDomainGetInfo(virDomainPtr, void *);
extern int virDomainGetVcpus(virDomainPtr, void *, int, unsigned char *, int);
extern int virDomainBlockStats(virDomainPtr, const char *, void *, size_t);
extern int virDomainInterfaceStats(virDomainPtr, const char *, void *, size_t);
extern int virDomainMemoryStats(virDomainPtr, void *, unsigned int, unsigned int);
extern int virDomainGetVcpuPinInfo(virDomainPtr, int, unsigned char *, int, unsigned int);
extern int virConnectClose(virConnectPtr);

static void report(const char *what, int failed) {
    if (!failed) { printf("%-40s OK\n", what); return; }
    virError *e = virGetLastError();
    if (!e) { printf("%-40s FAILED (no error)\n", what); return; }
    printf("%-40s ERR code=%d domain=%d level=%d msg=\"%s\"\n", what, e->code, e->domain, e->level,
           e->message ? e->message : "(null)");
    virResetLastError();
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "r"); if (!f) { perror(path); exit(2); }
    static char buf[1 << 16]; size_t n = fread(buf, 1, sizeof buf - 1, f); buf[n] = 0; fclose(f);
    return strdup(buf);
}

static char names[32][64]; static virDomainPtr handles[32]; static int nh;
static virDomainPtr dom(virConnectPtr c, const char *name) {
    for (int k = 0; k < nh; k++) if (!strcmp(names[k], name)) return handles[k];
    virDomainPtr d = virDomainLookupByName(c, name);
    if (d) { strcpy(names[nh], name); handles[nh++] = d; }
    if (!d) { char w[128]; snprintf(w, sizeof w, "lookup %s", name); report(w, 1); }
    return d;
}

int main(int argc, char **argv) {
    int events = getenv("EVENTS") != NULL;
    if (events) virEventRegisterDefaultImpl();
    virConnectPtr c = virConnectOpen(argc > 1 ? argv[1] : "test:///default");
    if (!c) { report("open", 1); return 1; }
    if (events) { pthread_t t; virConnectDomainEventRegisterAny(c, NULL, 0, (virConnectDomainEventGenericCallback) lifecycle, NULL, NULL); pthread_create(&t, NULL, loop, NULL); }
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int i = 2; i < argc; i++) {
        char line[512]; strncpy(line, argv[i], sizeof line - 1); line[sizeof line - 1] = 0;
        char *op = strtok(line, " "); char *a = strtok(NULL, " "); char *b = strtok(NULL, " ");
        char *cc = strtok(NULL, " ");
        char what[600]; snprintf(what, sizeof what, "%s", argv[i]);
        virDomainPtr d;
        if (!strcmp(op, "define")) report(what, virDomainDefineXML(c, slurp(a)) == NULL);
        else if (!strcmp(op, "create")) report(what, virDomainCreateXML(c, slurp(a), 0) == NULL);
        else if (!strcmp(op, "lookup")) report(what, virDomainLookupByName(c, a) == NULL);
        else if (!strcmp(op, "forget")) nh = 0;
        else if (!strcmp(op, "lookupuuid")) report(what, virDomainLookupByUUIDString(c, a) == NULL);
        else if (!strcmp(op, "nodedev")) report(what, virNodeDeviceLookupByName(c, a) == NULL);
        else if (!strcmp(op, "nodedev-detach")) { virNodeDevicePtr n = virNodeDeviceLookupByName(c, a); if (!n) report(what,1); else report(what, virNodeDeviceDetachFlags(n, NULL, 0) < 0); }
        else if (!strcmp(op, "nodedev-reattach")) { virNodeDevicePtr n = virNodeDeviceLookupByName(c, a); if (!n) report(what,1); else report(what, virNodeDeviceReAttach(n) < 0); }
        else if (!strcmp(op, "nodedev-create")) { virNodeDevicePtr n = virNodeDeviceCreateXML(c, slurp(a), 0); report(what, n == NULL); if (n) printf("    name=%s\n", virNodeDeviceGetName(n)); }
        else if (!strcmp(op, "nodedev-define")) { virNodeDevicePtr n = virNodeDeviceDefineXML(c, slurp(a), 0); report(what, n == NULL); if (n) printf("    name=%s\n", virNodeDeviceGetName(n)); }
        else if (!strcmp(op, "nodedev-start")) { virNodeDevicePtr n = virNodeDeviceLookupByName(c, a); if (!n) report(what,1); else report(what, virNodeDeviceCreate(n, 0) < 0); }
        else if (!strcmp(op, "nodedev-destroy")) { virNodeDevicePtr n = virNodeDeviceLookupByName(c, a); if (!n) report(what,1); else report(what, virNodeDeviceDestroy(n) < 0); }
        else if (!strcmp(op, "nodedev-undefine")) { virNodeDevicePtr n = virNodeDeviceLookupByName(c, a); if (!n) report(what,1); else report(what, virNodeDeviceUndefine(n, 0) < 0); }
        else if (!strcmp(op, "nodedev-xml")) { virNodeDevicePtr n = virNodeDeviceLookupByName(c, a); char *x = n ? virNodeDeviceGetXMLDesc(n, 0) : NULL; report(what, x == NULL); if (x) printf("%s", x); }
        else if (!strcmp(op, "nodedev-list")) { virNodeDevicePtr *l = NULL; int r = virConnectListAllNodeDevices(c, &l, (unsigned int) strtoul(a, NULL, 0)); report(what, r < 0); if (r >= 0) { printf("    count=%d\n", r); for (int k = 0; k < r; k++) printf("    %s\n", virNodeDeviceGetName(l[k])); } }
        else if (!strcmp(op, "freepages")) { unsigned int ps = atoi(b); unsigned long long cnt = 0; int r = virNodeGetFreePages(c, 1, &ps, atoi(a), 1, &cnt, 0); report(what, r < 0); if (r >= 0) printf("    free=%llu\n", cnt); }
        else if (!strcmp(op, "allocpages")) { unsigned int ps = atoi(b); unsigned long long cnt = atoll(cc); int r = virNodeAllocPages(c, 1, &ps, &cnt, atoi(a), 1, 1); report(what, r < 0); if (r >= 0) printf("    returned=%d\n", r); }
        else if (!(d = dom(c, a))) continue;
        else if (!strcmp(op, "start")) report(what, virDomainCreate(d) < 0);
        else if (!strcmp(op, "destroy")) report(what, virDomainDestroy(d) < 0);
        else if (!strcmp(op, "suspend")) report(what, virDomainSuspend(d) < 0);
        else if (!strcmp(op, "resume")) report(what, virDomainResume(d) < 0);
        else if (!strcmp(op, "shutdown")) report(what, virDomainShutdown(d) < 0);
        else if (!strcmp(op, "reboot")) report(what, virDomainReboot(d, 0) < 0);
        else if (!strcmp(op, "undefine")) report(what, virDomainUndefineFlags(d, b ? atoi(b) : 0) < 0);
        else if (!strcmp(op, "attach")) report(what, virDomainAttachDeviceFlags(d, slurp(b), cc ? atoi(cc) : 0) < 0);
        else if (!strcmp(op, "detach")) report(what, virDomainDetachDeviceFlags(d, slurp(b), cc ? atoi(cc) : 0) < 0);
        else if (!strcmp(op, "update")) report(what, virDomainUpdateDeviceFlags(d, slurp(b), cc ? atoi(cc) : 0) < 0);
        else if (!strcmp(op, "pinvcpu")) { unsigned char m[8] = {0}; int cpu = atoi(cc); m[cpu / 8] = 1 << (cpu % 8); report(what, virDomainPinVcpuFlags(d, atoi(b), m, 8, strtok(NULL, " ") ? 2 : 0) < 0); }
        else if (!strcmp(op, "pinemu")) { unsigned char m[8] = {0}; int cpu = atoi(b); m[cpu / 8] = 1 << (cpu % 8); report(what, virDomainPinEmulator(d, m, 8, cc ? atoi(cc) : 0) < 0); }
        else if (!strcmp(op, "piniothread")) { unsigned char m[8] = {0}; int cpu = atoi(cc); m[cpu / 8] = 1 << (cpu % 8); report(what, virDomainPinIOThread(d, atoi(b), m, 8, 0) < 0); }
        else if (!strcmp(op, "setmem")) report(what, virDomainSetMemoryFlags(d, atol(b), cc ? atoi(cc) : 0) < 0);
        else if (!strcmp(op, "numatune")) { virTypedParameter p[2]; memset(p, 0, sizeof p); strcpy(p[0].field, "numa_mode"); p[0].type = 1; p[0].value.i = atoi(b); strcpy(p[1].field, "numa_nodeset"); p[1].type = 7; p[1].value.s = cc; report(what, virDomainSetNumaParameters(d, p, 2, strtok(NULL, " ") ? 2 : 0) < 0); }
        else if (!strcmp(op, "pininfo")) { unsigned char m[64] = {0}; int r = virDomainGetVcpuPinInfo(d, 8, m, 8, b ? atoi(b) : 0); report(what, r < 0); if (r >= 0) printf("    vcpus=%d\n", r); }
        else if (!strcmp(op, "vcpus")) { char buf[512]; int r = virDomainGetVcpus(d, buf, 8, NULL, 0); report(what, r < 0); }
        else if (!strcmp(op, "blockstats")) { char buf[64]; report(what, virDomainBlockStats(d, b, buf, 40) < 0); }
        else if (!strcmp(op, "ifstats")) { char buf[128]; report(what, virDomainInterfaceStats(d, b, buf, 64) < 0); }
        else if (!strcmp(op, "memstats")) { char buf[256]; int r = virDomainMemoryStats(d, buf, 13, 0); report(what, r < 0); if (r >= 0) { for (int k = 0; k < r; k++) printf("    tag=%d val=%llu\n", *(int*)(buf + 16*k), *(unsigned long long*)(buf + 16*k + 8)); } }
        else if (!strcmp(op, "state")) { int s, r; report(what, virDomainGetState(d, &s, &r, 0) < 0); printf("    state=%d reason=%d persistent=%d\n", s, r, virDomainIsPersistent(d)); }
        else if (!strcmp(op, "uuid")) { char u[40]; virDomainGetUUIDString(d, u); printf("%-40s %s\n", what, u); }
        else if (!strcmp(op, "xml")) { char *x = virDomainGetXMLDesc(d, b ? atoi(b) : 0); report(what, x == NULL); if (x) printf("%s", x); }
        else printf("unknown op %s\n", op);
        if (events) usleep(100000);
    }
    return 0;
}
