/* Ranging every row and column of an MPS problem in plain C, with GLPK's own calls, to compare with
 * CoFund's analysis time without glpsol's process and report writing in the way.
 *
 *   make bench-ranging-c MPS=/tmp/keep/bench-30000.mps      (keep a problem with: CoFundBenchmarks --keep DIR)
 *
 * Same start as glpsol and CoFund: automatic scaling, advanced basis, primal simplex, maximisation
 * (the benchmark's problems maximise). Prints CPU times of the simplex, of the analysis calls alone
 * (glp_analyze_bound for non-basic variables, glp_analyze_coef for basic ones, as glp_print_ranges
 * does) and of glp_print_ranges writing its report. */
#include <glpk.h>
#include <stdio.h>
#include <time.h>

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE.mps\n", argv[0]); return 2; }
    glp_term_out(GLP_OFF);
    glp_prob *P = glp_create_prob();
    if (glp_read_mps(P, GLP_MPS_FILE, NULL, argv[1]) != 0) { fprintf(stderr, "cannot read %s\n", argv[1]); return 1; }
    glp_set_obj_dir(P, GLP_MAX);
    glp_scale_prob(P, GLP_SF_AUTO);
    glp_adv_basis(P, 0);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    double t0 = cpu_seconds();
    if (glp_simplex(P, &parm) != 0 || glp_get_status(P) != GLP_OPT) { fprintf(stderr, "not optimal\n"); return 1; }
    double t1 = cpu_seconds();
    int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
    double a, b, c, d;
    int v1, v2;
    for (int k = 1; k <= m + n; k++) {
        int stat = k <= m ? glp_get_row_stat(P, k) : glp_get_col_stat(P, k - m);
        if (stat != GLP_BS) glp_analyze_bound(P, k, &a, &v1, &b, &v2);
        else glp_analyze_coef(P, k, &a, &v1, &b, &c, &v2, &d);
    }
    double t2 = cpu_seconds();
    glp_print_ranges(P, 0, NULL, 0, "/dev/null");
    double t3 = cpu_seconds();
    printf("rows %d, columns %d, iterations %d\n", m, n, glp_get_it_cnt(P));
    printf("simplex %.0f ms, analysis calls %.0f ms, glp_print_ranges %.0f ms (CPU)\n",
           (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3);
    glp_delete_prob(P);
    return 0;
}
