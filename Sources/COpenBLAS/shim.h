// OpenBLAS for Headroom: CBLAS from OpenBLAS's header, and the few LAPACK routines we call,
// declared here by their Fortran names because Debian's OpenBLAS ships no LAPACKE.
// Fortran calling convention: every argument by pointer, column-major storage; hidden string
// length arguments are omitted (safe for the single-character arguments used here).
#ifndef HEADROOM_COPENBLAS_SHIM_H
#define HEADROOM_COPENBLAS_SHIM_H

#include <cblas.h>

/// Cholesky factorization of a symmetric positive definite matrix.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
/// Solves A X = B with the Cholesky factor from dpotrf_.
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
/// Least squares (or minimum norm) solution by QR or LQ factorization, full rank.
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs, double *a,
            const int *lda, double *b, const int *ldb, double *work, const int *lwork, int *info);
/// Minimum norm least squares by SVD (divide and conquer); handles rank deficiency.
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
             const int *ldb, double *s, const double *rcond, int *rank, double *work,
             const int *lwork, int *iwork, int *info);

#endif
