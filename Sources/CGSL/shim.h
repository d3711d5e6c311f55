#ifndef ACD_CGSL_SHIM_H
#define ACD_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_exp.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_cdf.h>

/* Swift 6 rejects GSL's global generator-type variables as shared mutable
   state; these accessors return them as plain values. */
static inline const gsl_rng_type *acd_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *acd_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *acd_rng_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const gsl_rng_type *acd_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }

/* Turns GSL's default error handler (abort) off, so that domain errors come
   back as status codes the Swift side checks. */
static inline void acd_gsl_errors_as_values(void) { gsl_set_error_handler_off(); }

#endif
