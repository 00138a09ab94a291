// What every fuzz target uses to state an invariant: a broken invariant is a crash, so libFuzzer
// stops and writes the input that broke it (crash-<sha1>) for `fuzz/run` to report.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)
