/* libpq, PostgreSQL's client library, reached through a table of its functions.
 *
 * The binary does not link libpq: the table is filled with dlopen("libpq.so.5") the first time a
 * register on PostgreSQL is opened, so the wizard's first screen and `fill` never load libpq or
 * the Kerberos, LDAP and TLS libraries it brings. Each pointer's type is taken from libpq's own
 * declaration (`__typeof__`), so every call is checked against the installed header, and the
 * pointers are non-null once the table is loaded. Calling a PQ function directly would not link:
 * that is the point. Debian's libpq-dev provides the header, libpq5 the library. */
#ifndef DMF_LIBPQ_TABLE_H
#define DMF_LIBPQ_TABLE_H

#include <postgresql/libpq-fe.h>

/* X(field, symbol) for every function used. Pipeline mode needs libpq 14 or newer. */
#define DMF_LIBPQ_FUNCTIONS(X)                                                                      \
    X(conninfoParse, PQconninfoParse)                                                               \
    X(conninfoFree, PQconninfoFree)                                                                 \
    X(freemem, PQfreemem)                                                                           \
    X(conninfo, PQconninfo)                                                                         \
    X(connectStartParams, PQconnectStartParams)                                                     \
    X(connectPoll, PQconnectPoll)                                                                   \
    X(status, PQstatus)                                                                             \
    X(errorMessage, PQerrorMessage)                                                                 \
    X(connectionNeedsPassword, PQconnectionNeedsPassword)                                           \
    X(socket, PQsocket)                                                                             \
    X(host, PQhost)                                                                                 \
    X(hostaddr, PQhostaddr)                                                                         \
    X(port, PQport)                                                                                 \
    X(finish, PQfinish)                                                                             \
    X(setnonblocking, PQsetnonblocking)                                                             \
    X(flush, PQflush)                                                                               \
    X(consumeInput, PQconsumeInput)                                                                 \
    X(isBusy, PQisBusy)                                                                             \
    X(getResult, PQgetResult)                                                                       \
    X(resultStatus, PQresultStatus)                                                                 \
    X(resultErrorField, PQresultErrorField)                                                         \
    X(clear, PQclear)                                                                               \
    X(ntuples, PQntuples)                                                                           \
    X(nfields, PQnfields)                                                                           \
    X(fname, PQfname)                                                                               \
    X(getvalue, PQgetvalue)                                                                         \
    X(getlength, PQgetlength)                                                                       \
    X(getisnull, PQgetisnull)                                                                       \
    X(cmdStatus, PQcmdStatus)                                                                       \
    X(transactionStatus, PQtransactionStatus)                                                       \
    X(sendQueryParams, PQsendQueryParams)                                                           \
    X(enterPipelineMode, PQenterPipelineMode)                                                       \
    X(exitPipelineMode, PQexitPipelineMode)                                                         \
    X(pipelineSync, PQpipelineSync)

struct dmf_libpq {
#define DMF_LIBPQ_FIELD(field, symbol) __typeof__(symbol) *_Nonnull field;
    DMF_LIBPQ_FUNCTIONS(DMF_LIBPQ_FIELD)
#undef DMF_LIBPQ_FIELD
};

enum dmf_libpq_state {
    DMF_LIBPQ_LOADED = 0,
    /* libpq.so.5 is not on the system. */
    DMF_LIBPQ_NOT_INSTALLED = 1,
    /* It is, but lacks a function (older than libpq 14); `missing` names it. */
    DMF_LIBPQ_TOO_OLD = 2,
};

/* Loads libpq once, whichever thread asks first (pthread_once); later calls return at once.
 * On success `*table` is the filled table; on DMF_LIBPQ_TOO_OLD `*missing` names the absent
 * function. */
enum dmf_libpq_state dmf_libpq_load(const struct dmf_libpq *_Nullable *_Nonnull table,
                                    const char *_Nullable *_Nonnull missing);

#endif
