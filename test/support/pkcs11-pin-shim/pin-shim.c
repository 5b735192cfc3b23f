/* Test-only PKCS#11 module in front of SoftHSM2, which never reports or enforces a PIN lockout
 * (upstream #221, #399). It behaves like a citizen card: three tries, kept in the file named by
 * PIN_SHIM_STATE; a wrong PIN costs one and answers CKR_PIN_INCORRECT, at zero every login answers
 * CKR_PIN_LOCKED without reaching SoftHSM, a right PIN restores three. C_GetTokenInfo reports
 * COUNT_LOW at 2, COUNT_LOW|FINAL_TRY at 1, LOCKED at 0. PIN_SHIM_DELAY_MS makes C_Sign slow (a card
 * pulled out while it signs; PIN_SHIM_DELAY_FILE: the same, read at each signature). Everything else is SoftHSM's (PIN_SHIM_TARGET). Never in the product. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pkcs11.h"

static CK_FUNCTION_LIST target_list;
static CK_FUNCTION_LIST shim_list;
static CK_FUNCTION_LIST_PTR target = NULL;

static int tries_left(void) {
  const char *path = getenv("PIN_SHIM_STATE");
  FILE *f = path ? fopen(path, "r") : NULL;
  int n = 3;
  if (f) {
    if (fscanf(f, "%d", &n) != 1) n = 3;
    fclose(f);
  }
  return n;
}

static void set_tries(int n) {
  const char *path = getenv("PIN_SHIM_STATE");
  FILE *f = path ? fopen(path, "w") : NULL;
  if (f) {
    fprintf(f, "%d\n", n);
    fclose(f);
  }
}

static CK_RV shim_login(CK_SESSION_HANDLE s, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
  int left = tries_left();
  if (user != CKU_USER) return target->C_Login(s, user, pin, len);
  if (left <= 0) return CKR_PIN_LOCKED;
  CK_RV rv = target->C_Login(s, user, pin, len);
  if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_LEN_RANGE) {
    set_tries(left - 1);
    return left - 1 <= 0 ? CKR_PIN_LOCKED : CKR_PIN_INCORRECT;
  }
  if (rv == CKR_OK) set_tries(3);
  return rv;
}

static CK_RV shim_token_info(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  CK_RV rv = target->C_GetTokenInfo(slot, info);
  if (rv != CKR_OK) return rv;
  int left = tries_left();
  info->flags &= ~(CK_FLAGS)(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
  if (left == 2) info->flags |= CKF_USER_PIN_COUNT_LOW;
  if (left == 1) info->flags |= CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY;
  if (left <= 0) info->flags |= CKF_USER_PIN_LOCKED;
  return CKR_OK;
}

static CK_RV shim_sign(CK_SESSION_HANDLE s, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len) {
  const char *delay = getenv("PIN_SHIM_DELAY_MS");
  int ms = delay ? atoi(delay) : 0;
  /* PIN_SHIM_DELAY_FILE: the delay read at each signature, so a running test can change it. */
  const char *file = getenv("PIN_SHIM_DELAY_FILE");
  FILE *f = file ? fopen(file, "r") : NULL;
  if (f) {
    if (fscanf(f, "%d", &ms) != 1) ms = 0;
    fclose(f);
  }
  if (ms > 0 && sig) usleep((useconds_t)ms * 1000);
  return target->C_Sign(s, data, len, sig, sig_len);
}

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR out) {
  if (!target) {
    const char *path = getenv("PIN_SHIM_TARGET");
    void *lib = dlopen(path ? path : "/usr/lib/softhsm/libsofthsm2.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return CKR_GENERAL_ERROR;
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(lib, "C_GetFunctionList");
    CK_FUNCTION_LIST_PTR list = NULL;
    if (!get || get(&list) != CKR_OK) return CKR_GENERAL_ERROR;
    memcpy(&target_list, list, sizeof target_list);
    target = &target_list;
    memcpy(&shim_list, list, sizeof shim_list);
    shim_list.C_Login = shim_login;
    shim_list.C_GetTokenInfo = shim_token_info;
    shim_list.C_Sign = shim_sign;
  }
  *out = &shim_list;
  return CKR_OK;
}
