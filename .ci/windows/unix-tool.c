/* For the core's tests under Wine only (.ci/windows.sh): the tests read
 * each PDF with poppler's pdftotext and pdfinfo, and qpdf, which have no
 * Windows build in Debian. This stand-in, compiled once per tool (TOOL) and
 * put beside the test binaries, turns its Windows paths into Unix ones and
 * runs Debian's tool (Wine runs a Unix program natively). Wine neither
 * reports a Unix program's exit code nor hands it the pipes Rust's Command
 * made, so the tool runs through sh, which writes its output and then its
 * exit code into files read here. */
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <wchar.h>

typedef char *(CDECL *to_unix_fn)(LPCWSTR);

static wchar_t command[32768];
static wchar_t converted[4096];

static void append_quoted(const wchar_t *arg) {
  wcscat(command, L" \"");
  wcscat(command, arg);
  wcscat(command, L"\"");
}

static const wchar_t *unix_path(to_unix_fn to_unix, const wchar_t *path) {
  char *unix_name = to_unix(path);
  if (!unix_name) return path;
  MultiByteToWideChar(CP_UTF8, 0, unix_name, -1, converted, 4096);
  return converted;
}

/* Writes the file `base` + `suffix` to `into`, then deletes it. */
static void copy_and_delete(const wchar_t *base, const wchar_t *suffix, FILE *into) {
  wchar_t name[MAX_PATH + 8];
  wcscpy(name, base);
  wcscat(name, suffix);
  FILE *from = _wfopen(name, L"rb");
  if (from) {
    char buffer[65536];
    size_t read;
    while ((read = fread(buffer, 1, sizeof buffer, from)) > 0) fwrite(buffer, 1, read, into);
    fclose(from);
  }
  fflush(into);
  DeleteFileW(name);
}

int wmain(int argc, wchar_t **argv) {
  to_unix_fn to_unix = (to_unix_fn)GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "wine_get_unix_file_name");
  if (!to_unix) return 127;
  wchar_t folder[MAX_PATH], status_file[MAX_PATH];
  GetTempPathW(MAX_PATH, folder);
  GetTempFileNameW(folder, L"ptt", 0, status_file);
  wcscpy(command, L"sh -c \"" TOOL L" \\\"$@\\\" >\\\"$0.out\\\" 2>\\\"$0.err\\\"; echo $? > \\\"$0\\\"\"");
  append_quoted(unix_path(to_unix, status_file));
  for (int i = 1; i < argc; i++) {
    int is_path = wcslen(argv[i]) > 2 && argv[i][1] == L':';
    append_quoted(is_path ? unix_path(to_unix, argv[i]) : argv[i]);
  }
  STARTUPINFOW startup = {0};
  PROCESS_INFORMATION process;
  startup.cb = sizeof startup;
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
  startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
  if (!CreateProcessW(L"Z:\\bin\\sh", command, NULL, NULL, TRUE, 0, NULL, NULL, &startup, &process)) {
    fwprintf(stderr, L"%ls could not be started (%lu)\n", TOOL, GetLastError());
    return 127;
  }
  /* Wine's handle on a Unix process is signalled at once: wait for sh to
   * write the code (a minute at most). */
  int code = 126;
  for (int tries = 0; tries < 600 && code == 126; tries++) {
    FILE *status = _wfopen(status_file, L"r");
    if (status) {
      if (fscanf(status, "%d", &code) != 1) code = 126;
      fclose(status);
    }
    if (code == 126) Sleep(100);
  }
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  copy_and_delete(status_file, L".out", stdout);
  copy_and_delete(status_file, L".err", stderr);
  DeleteFileW(status_file);
  return code;
}
