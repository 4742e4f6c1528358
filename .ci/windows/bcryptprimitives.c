/* Wine 8 (Debian 12) lacks bcryptprimitives.dll, where Rust's standard
 * library asks Windows 10 and 11 for random bytes (ProcessPrng). For the tests
 * under Wine only, this stand-in answers from bcrypt.dll's system generator;
 * it is never shipped: Windows has the real one. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  return BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG));
}
