# wadah — build, run, test, bench.
#
#   make run     install what is missing, build, create a demo data
#                directory on first run, serve on http://127.0.0.1:8080
#   make test    install what the tests need, build, run every suite
#   make bench   throughput against the bare-libmicrohttpd ceiling
#
# Debian 12 packages only; apt-get runs only for packages that are missing.

CC      ?= cc
PKGS    := libmicrohttpd jansson libsodium sqlite3 pangocairo cairo-pdf \
           xlsxwriter libqrencode
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wformat=2 \
           -Wno-unused-parameter -Wno-format-truncation -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
           -fPIE -Iserver -Ireports -Ibuild
LDFLAGS += -pie -Wl,-z,relro,-z,now
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

BUILD_DEBS := build-essential pkg-config libmicrohttpd-dev libjansson-dev \
              libsodium-dev libsqlite3-dev libcairo2-dev libpango1.0-dev \
              libxlsxwriter-dev libqrencode-dev fonts-noto-core
TEST_DEBS  := $(BUILD_DEBS) libcriterion-dev libcurl4-openssl-dev sqlite3 \
              chromium poppler-utils zbar-tools python3
BENCH_DEBS := $(BUILD_DEBS) wrk time curl sqlite3 python3
# libFuzzer ships with clang's runtime libraries (libclang-rt-14-dev).
FUZZ_DEBS  := $(BUILD_DEBS) clang libclang-rt-14-dev

SRC := $(filter-out server/main.c,$(wildcard server/*.c))
RSRC := $(wildcard reports/*.c)
OBJ := $(SRC:server/%.c=build/%.o) $(RSRC:reports/%.c=build/r_%.o)
GEN := build/embed_sql.c build/embed_forms.c build/embed_templates.c \
       build/embed_static.c build/embed_reports.c
GEN_OBJ := $(GEN:.c=.o)
HDR := $(wildcard server/*.h server/*.def reports/*.h)

DEMO_DIR  ?= demo-data
DEMO_UNIT ?= disdukcapil

.PHONY: all run test bench bench-audit bench-backup deps deps-test \
        deps-bench deps-fuzz clean asan valgrind test-unit test-http \
        test-browser fuzz fuzz-build

all: wadah

# ---- dependencies (apt-get only for what is missing) ----
define apt_missing
missing=""; for p in $(1); do \
  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" \
    || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  echo "installing:$$missing"; \
  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
  $$SUDO apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
fi
endef

deps:
	@$(call apt_missing,$(BUILD_DEBS))
# node and npm may come from another packaging of Node.js: look for the
# commands, and install Debian's only when they are absent.
deps-test:
	@$(call apt_missing,$(TEST_DEBS))
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  $(call apt_missing,nodejs npm); fi
deps-bench:
	@$(call apt_missing,$(BENCH_DEBS))
deps-fuzz:
	@$(call apt_missing,$(FUZZ_DEBS))

# ---- build ----
# The embedded tables must be regenerated when a file is added or removed,
# not only when one changes: build/embed.list holds the current file list
# and is rewritten only when that list differs.
EMBED_FILES := $(sort $(wildcard reports/*.json reports/*.txt sql/*.sql forms/*.json forms/*.txt \
                 forms/templates/*.html forms/static/*))
$(shell mkdir -p build && echo '$(EMBED_FILES)' > build/embed.list.new && \
  (cmp -s build/embed.list.new build/embed.list || \
   mv build/embed.list.new build/embed.list); rm -f build/embed.list.new)
build/embed_sql.c: $(wildcard sql/*.sql) tools/embed.sh build/embed.list | build
	sh tools/embed.sh $@ embed_sql $(sort $(wildcard sql/*.sql))
build/embed_reports.c: $(wildcard reports/*.json reports/*.txt) tools/embed.sh build/embed.list | build
	sh tools/embed.sh $@ embed_reports $(sort $(wildcard reports/*.json reports/*.txt))
build/embed_forms.c: $(wildcard forms/*.json forms/*.txt) tools/embed.sh build/embed.list | build
	sh tools/embed.sh $@ embed_forms $(sort $(wildcard forms/*.json forms/*.txt))
build/embed_templates.c: $(wildcard forms/templates/*.html) tools/embed.sh build/embed.list | build
	sh tools/embed.sh $@ embed_templates $(sort $(wildcard forms/templates/*.html))
build/embed_static.c: $(wildcard forms/static/*) tools/embed.sh build/embed.list | build
	sh tools/embed.sh $@ embed_static $(sort $(wildcard forms/static/*))

build:
	@mkdir -p build

build/%.o: server/%.c $(HDR) | build
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<
build/r_%.o: reports/%.c $(HDR) | build
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c -o $@ $<
build/embed_%.o: build/embed_%.c server/embed.h
	$(CC) $(CFLAGS) -c -o $@ $<

build/libwadah.a: $(OBJ) $(GEN_OBJ)
	rm -f $@ && ar rcs $@ $^

wadah: build/main.o build/libwadah.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# ---- run ----
run: deps wadah
	@if [ ! -d "$(DEMO_DIR)" ]; then \
	  umask 077; \
	  head -c 18 /dev/urandom | base64 | tr -d '/+=' > .demo-admin-password; \
	  ./wadah init --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) \
	    --unit-name "Dinas Kependudukan dan Pencatatan Sipil (Demo)" \
	    --admin admin --password-file .demo-admin-password > .demo-init.txt \
	    || exit 1; \
	  cat .demo-init.txt; \
	  sed -n 's/^    \([A-Z2-7-]*\)$$/\1/p' .demo-init.txt > .demo-recovery-key; \
	  rm -f .demo-init.txt; \
	  while IFS='|' read -r code name; do \
	    ./wadah unit service add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) \
	      --code "$$code" --name "$$name" || exit 1; \
	  done < forms/demo-services.txt; \
	  while IFS='|' read -r code name; do \
	    ./wadah unit section add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) \
	      --code "$$code" --name "$$name" || exit 1; \
	  done < forms/demo-sections.txt; \
	  ./wadah unit template add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) \
	    --title "Diterima dan diteruskan" \
	    --body "Terima kasih atas pengaduan Anda. Pengaduan sudah kami teruskan ke bidang terkait dan akan ditindaklanjuti paling lambat 5 hari kerja." && \
	  ./wadah user add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) --user petugas \
	    --role petugas_pengaduan --password-file .demo-admin-password && \
	  ./wadah user add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) --user wbs \
	    --role pengelola_wbs --password-file .demo-admin-password && \
	  ./wadah user add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) --user kustodian \
	    --role custodian --password-file .demo-admin-password \
	    --recovery-key-file .demo-recovery-key && \
	  ./wadah keys recover --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) --user petugas \
	    --recovery-key-file .demo-recovery-key && \
	  ./wadah keys recover --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) --user wbs \
	    --recovery-key-file .demo-recovery-key && \
	  ./wadah user add --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) --user timzi \
	    --role tim_zi --role pimpinan --password-file .demo-admin-password && \
	  ./wadah demo --data "$(DEMO_DIR)" --unit $(DEMO_UNIT) || exit 1; \
	fi
	@echo "data directory: $$(cd $(DEMO_DIR) && pwd)"
	@echo "staff login:    http://127.0.0.1:8080/staff/masuk  unit '$(DEMO_UNIT)', password '$$(cat .demo-admin-password 2>/dev/null)'"
	@echo "                users: admin (admin), petugas (petugas_pengaduan, identity key), wbs (pengelola_wbs, WBS key),"
	@echo "                kustodian (custodian: approves WBS identity requests once 'wadah unit setting' sets wbs_identity_approval=custodian),"
	@echo "                timzi (tim_zi, pimpinan: the ZI documents at /staff/laporan; the demo holds a synthetic semester)"
	@echo "survey:         http://127.0.0.1:8080/u/$(DEMO_UNIT)/survei"
	@echo "complaints:     http://127.0.0.1:8080/u/$(DEMO_UNIT)/pengaduan"
	@echo "whistleblowing: http://127.0.0.1:8080/u/$(DEMO_UNIT)/wbs"
	./wadah serve --data "$(DEMO_DIR)" --listen 127.0.0.1:8080

# ---- tests ----
TEST_CFLAGS = $(CFLAGS) $(PKG_CFLAGS)
TEST_LIBS   = $(PKG_LIBS) -lcriterion

# tests/http/tamper.c (what a holder of the data directory can do to the
# audit log) serves the unit tests and the audit bench too.
build/test_unit: $(wildcard tests/unit/*.c) tests/http/tamper.c tests/http/tamper.h build/libwadah.a
	$(CC) $(TEST_CFLAGS) -Itests/http -o $@ $(wildcard tests/unit/*.c) tests/http/tamper.c build/libwadah.a $(TEST_LIBS)

build/test_http: $(wildcard tests/http/*.c tests/http/*.h) build/libwadah.a
	$(CC) $(TEST_CFLAGS) -o $@ $(wildcard tests/http/*.c) build/libwadah.a $(TEST_LIBS) -lcurl

build/test_malformed: $(wildcard tests/malformed/*.c) tests/http/harness.c tests/http/harness.h
	$(CC) $(TEST_CFLAGS) -Itests/http -o $@ $(wildcard tests/malformed/*.c) tests/http/harness.c $(TEST_LIBS) -lcurl

TEST_BINS := build/test_unit build/test_http \
             $(if $(wildcard tests/malformed/*.c),build/test_malformed)

# ---- the same suites against an ASan/UBSan build ----
# Beside the normal build, never in place: build-asan/ holds the objects,
# wadah-asan the server the HTTP suite runs (WADAH_BIN), and tests/run.sh
# runs build-asan/test_* after the plain suites.  Any undefined behaviour
# stops the process like an ASan error does (-fno-sanitize-recover).
SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
               -fno-omit-frame-pointer
ASAN_CFLAGS  = $(CFLAGS) -O1 $(SAN_FLAGS)
ASAN_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)
ASAN_OBJ    := $(OBJ:build/%=build-asan/%) $(GEN_OBJ:build/%=build-asan/%)
ASAN_BINS   := wadah-asan build-asan/test_unit build-asan/test_http

build-asan:
	@mkdir -p build-asan
build-asan/%.o: server/%.c $(HDR) | build-asan
	$(CC) $(ASAN_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<
build-asan/r_%.o: reports/%.c $(HDR) | build-asan
	$(CC) $(ASAN_CFLAGS) $(PKG_CFLAGS) -c -o $@ $<
build-asan/embed_%.o: build/embed_%.c server/embed.h | build-asan
	$(CC) $(ASAN_CFLAGS) -c -o $@ $<
build-asan/libwadah.a: $(ASAN_OBJ)
	rm -f $@ && ar rcs $@ $^
wadah-asan: build-asan/main.o build-asan/libwadah.a
	$(CC) $(ASAN_LDFLAGS) -o $@ $^ $(PKG_LIBS)
build-asan/test_unit: $(wildcard tests/unit/*.c) tests/http/tamper.c tests/http/tamper.h build-asan/libwadah.a
	$(CC) $(ASAN_CFLAGS) $(PKG_CFLAGS) $(ASAN_LDFLAGS) -Itests/http -o $@ \
	  $(wildcard tests/unit/*.c) tests/http/tamper.c build-asan/libwadah.a \
	  $(TEST_LIBS)
build-asan/test_http: $(wildcard tests/http/*.c tests/http/*.h) build-asan/libwadah.a
	$(CC) $(ASAN_CFLAGS) $(PKG_CFLAGS) $(ASAN_LDFLAGS) -o $@ \
	  $(wildcard tests/http/*.c) build-asan/libwadah.a $(TEST_LIBS) -lcurl

test: deps-test wadah $(TEST_BINS) $(ASAN_BINS)
	@sh tests/run.sh

test-unit: build/test_unit
	build/test_unit
test-http: wadah build/test_http
	build/test_http

# Only the ASan/UBSan suites (make test runs them after the others).
asan: $(ASAN_BINS)
	@WADAH_ONLY_ASAN=1 sh tests/run.sh

# ---- fuzzing ----
# libFuzzer harnesses (tests/fuzz/fuzz_NAME.c) against the project's
# sources compiled with clang, coverage and ASan/UBSan into build-fuzz/.
# `make fuzz` runs each for FUZZ_SECONDS (FUZZ=NAME... for some of them);
# new corpus entries and crash reproducers stay in build-fuzz/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Wshadow \
                -Wformat=2 -Wno-unused-parameter $(SAN_FLAGS) \
                -Iserver -Ireports -Ibuild
FUZZ_OBJ     := $(OBJ:build/%=build-fuzz/%) $(GEN_OBJ:build/%=build-fuzz/%)
FUZZ_ALL     := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ         ?= $(FUZZ_ALL)
FUZZ_BINS    := $(FUZZ_ALL:%=build-fuzz/fuzz_%)

build-fuzz:
	@mkdir -p build-fuzz
build-fuzz/%.o: server/%.c $(HDR) | build-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<
build-fuzz/r_%.o: reports/%.c $(HDR) | build-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<
build-fuzz/embed_%.o: build/embed_%.c server/embed.h | build-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
build-fuzz/libwadah.a: $(FUZZ_OBJ)
	rm -f $@ && ar rcs $@ $^
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) build-fuzz/libwadah.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Itests/fuzz -o $@ \
	  $< build-fuzz/libwadah.a $(PKG_LIBS)

fuzz-build: $(FUZZ_BINS)
# The packages first, then the build (its flags come from pkg-config).
fuzz: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ)

valgrind: wadah build/test_unit
	valgrind --error-exitcode=1 --leak-check=full build/test_unit --jobs 1

bench: deps-bench wadah
	sh tests/bench/run.sh
	sh tests/bench/reports.sh

# How long each kind of audit-log tampering takes to detect (README, audit).
build/bench_audit: tests/bench/audit.c tests/http/tamper.c tests/http/tamper.h build/libwadah.a
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests/http -o $@ tests/bench/audit.c tests/http/tamper.c build/libwadah.a $(PKG_LIBS)
bench-audit: wadah build/bench_audit
	sh tests/bench/audit.sh
# Backup and restore under load (README, "Backup and restore").
bench-backup: deps-bench wadah
	sh tests/bench/backup.sh

clean:
	rm -rf build wadah build-asan wadah-asan build-fuzz
