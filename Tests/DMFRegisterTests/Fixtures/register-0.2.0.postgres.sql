--
-- PostgreSQL database dump
--

\restrict RX8SrfzNLv6lXTHGUGn4KqHbjU4TazubmtFNPlbd7ERO2xLFpSFQCM1ToDp45yW

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: dmf_register_keeps_history(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.dmf_register_keeps_history() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'the register keeps its history: rows are never changed or removed'; END $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: dmf_register_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dmf_register_schema (
    version integer NOT NULL
);


--
-- Name: entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.entries (
    reference text NOT NULL,
    recorded_at text NOT NULL,
    requester text NOT NULL,
    team text NOT NULL,
    route text NOT NULL,
    source_system text NOT NULL,
    destination_organisation text NOT NULL,
    destination_system text NOT NULL,
    recipient_organisations text NOT NULL,
    classification text NOT NULL,
    marking text NOT NULL,
    verdict text NOT NULL,
    rules_version text NOT NULL,
    transfer_kind text NOT NULL,
    frequency text,
    delete_by text,
    fingerprint text NOT NULL,
    answers text NOT NULL,
    documents text NOT NULL,
    search text NOT NULL,
    status text NOT NULL,
    next_due text,
    next_due_kind text
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    sequence bigint NOT NULL,
    reference text NOT NULL,
    kind text NOT NULL,
    recorded_at text NOT NULL,
    by_person text NOT NULL,
    date text NOT NULL,
    reason text,
    files text NOT NULL,
    next_review text,
    entry_digest text,
    previous_hash text NOT NULL,
    hash text NOT NULL
);


--
-- Data for Name: dmf_register_schema; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dmf_register_schema (version) FROM stdin;
1
2
\.


--
-- Data for Name: entries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.entries (reference, recorded_at, requester, team, route, source_system, destination_organisation, destination_system, recipient_organisations, classification, marking, verdict, rules_version, transfer_kind, frequency, delete_by, fingerprint, answers, documents, search, status, next_due, next_due_kind) FROM stdin;
DMF-20261129-YMT7	2026-11-29T03:14:10Z	Chris Researcher	Research and evaluation	third-party	DOM1	Survey SaaS Inc	Hosted survey analytics	Survey SaaS Inc	official-sensitive	OFFICIAL-SENSITIVE	blocked	2026.11-2	share	recurring	\N	transfer.kind=share\ntransfer.frequency=recurring\ntransfer.purpose=Survey analysis in a hosted tool\nrequester.name=Chris Researcher\nrequester.email=chris.researcher@justice.gov.uk\nrequester.team=Research and evaluation\ndata.description=Staff survey free-text answers\ndata.classification=official-sensitive\ndata.legacy_marking=none\ndata.personal_data=no\ndata.bulk=no\nroute.type=third-party\nroute.source_system=DOM1\nroute.destination_organisation=Survey SaaS Inc\nroute.destination_system=Hosted survey analytics\nroute.destination_accreditation=none\nrecipients[0].name=Account manager\nrecipients[0].organisation=Survey SaaS Inc\nrecipients[0].role=Customer success\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=secure-file-transfer\nretention.period=12 months\nthird_party.contract=yes\nthird_party.nda=yes\nthird_party.security_aspects_letter=not-needed\nthird_party.code_of_connection=not-needed\nauthorisation.iao_name=Research IAO\nauthorisation.iao_decision=authorised	format: 1\ntransfer:\n  kind: share\n  frequency: recurring\n  purpose: "Survey analysis in a hosted tool"\nrequester:\n  name: "Chris Researcher"\n  email: "chris.researcher@justice.gov.uk"\n  team: "Research and evaluation"\ndata:\n  description: "Staff survey free-text answers"\n  classification: official-sensitive\n  legacy_marking: none\n  personal_data: no\n  bulk: no\nroute:\n  type: third-party\n  source_system: "DOM1"\n  destination_organisation: "Survey SaaS Inc"\n  destination_system: "Hosted survey analytics"\n  destination_accreditation: none\nrecipients:\n- name: "Account manager"\n  organisation: "Survey SaaS Inc"\n  role: "Customer success"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: secure-file-transfer\nretention:\n  period: "12 months"\nthird_party:\n  contract: yes\n  nda: yes\n  security_aspects_letter: not-needed\n  code_of_connection: not-needed\nauthorisation:\n  iao_name: "Research IAO"\n  iao_decision: authorised\n	c34712477695d43ca75d2222a10cec1919f860f72aef0d2130c18eade125f46a 7658 06.md	dmf-20261129-ymt7\nchris researcher\nresearch and evaluation\ndom1\nsurvey saas inc\nhosted survey analytics\nsurvey saas inc	recorded	\N	\N
DMF-20261129-5Y13	2026-11-29T03:14:10Z	Taylor Tester	Digital delivery	third-party	DOM1	Example Software Ltd	Supplier test environment	Example Software Ltd	official	OFFICIAL	conditions	2026.11-2	share	one-off	2027-01-31	transfer.kind=share\ntransfer.frequency=one-off\ntransfer.purpose=Test data for the new case management release\nrequester.name=Taylor Tester\nrequester.email=taylor.tester@justice.gov.uk\nrequester.team=Digital delivery\ndata.description=Sample of live case records for user acceptance testing\ndata.classification=official\ndata.legacy_marking=none\ndata.personal_data=yes\ndata.records=500\nroute.type=third-party\nroute.source_system=DOM1\nroute.destination_organisation=Example Software Ltd\nroute.destination_system=Supplier test environment\nroute.destination_accreditation=official\nrecipients[0].name=Supplier test lead\nrecipients[0].organisation=Example Software Ltd\nrecipients[0].role=Test manager\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=secure-file-transfer\nretention.delete_by=2027-01-31\nthird_party.contract=yes\nthird_party.nda=no\nthird_party.security_aspects_letter=no\nthird_party.code_of_connection=not-needed\nauthorisation.iao_name=Case management IAO\nauthorisation.iao_decision=pending	format: 1\ntransfer:\n  kind: share\n  frequency: one-off\n  purpose: "Test data for the new case management release"\nrequester:\n  name: "Taylor Tester"\n  email: "taylor.tester@justice.gov.uk"\n  team: "Digital delivery"\ndata:\n  description: "Sample of live case records for user acceptance testing"\n  classification: official\n  legacy_marking: none\n  personal_data: yes\n  records: 500\nroute:\n  type: third-party\n  source_system: "DOM1"\n  destination_organisation: "Example Software Ltd"\n  destination_system: "Supplier test environment"\n  destination_accreditation: official\nrecipients:\n- name: "Supplier test lead"\n  organisation: "Example Software Ltd"\n  role: "Test manager"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: secure-file-transfer\nretention:\n  delete_by: 2027-01-31\nthird_party:\n  contract: yes\n  nda: no\n  security_aspects_letter: no\n  code_of_connection: not-needed\nauthorisation:\n  iao_name: "Case management IAO"\n  iao_decision: pending\n	44aac49e43dd77250a168800aa0e0f04d554b70db3393c91d2e9b53a01090f86 8976 05.md	dmf-20261129-5y13\ntaylor tester\ndigital delivery\ndom1\nexample software ltd\nsupplier test environment\nexample software ltd	refused	\N	\N
DMF-20261129-MVM6	2026-11-29T02:14:10Z	Sam Integration	HMPPS Digital, data integration	between-moj-systems	DISC	HMPPS	Quantum	HMPPS	official-sensitive	OFFICIAL-SENSITIVE	conditions	2026.11-2	share	recurring	\N	transfer.kind=share\ntransfer.frequency=recurring\ntransfer.purpose=Nightly offender extract so that Quantum reports match DISC\nrequester.name=Sam Integration\nrequester.email=sam.integration@justice.gov.uk\nrequester.team=HMPPS Digital, data integration\ndata.description=Offender records extract: one row per offender, nightly\ndata.classification=official-sensitive\ndata.legacy_marking=none\ndata.personal_data=yes\ndata.records=50000\nroute.type=between-moj-systems\nroute.source_system=DISC\nroute.destination_organisation=HMPPS\nroute.destination_system=Quantum\nrecipients[0].name=Quantum service manager\nrecipients[0].organisation=HMPPS\nrecipients[0].role=Service owner\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=sc\nmethod=secure-network\nretention.period=each extract replaces the previous night's; old extracts deleted after 7 days\nauthorisation.iao_name=HMPPS offender data IAO\nauthorisation.iao_decision=pending	format: 1\ntransfer:\n  kind: share\n  frequency: recurring\n  purpose: "Nightly offender extract so that Quantum reports match DISC"\nrequester:\n  name: "Sam Integration"\n  email: "sam.integration@justice.gov.uk"\n  team: "HMPPS Digital, data integration"\ndata:\n  description: "Offender records extract: one row per offender, nightly"\n  classification: official-sensitive\n  legacy_marking: none\n  personal_data: yes\n  records: 50000\nroute:\n  type: between-moj-systems\n  source_system: "DISC"\n  destination_organisation: "HMPPS"\n  destination_system: "Quantum"\nrecipients:\n- name: "Quantum service manager"\n  organisation: "HMPPS"\n  role: "Service owner"\n  mailbox: personal\n  authorised: yes\n  clearance: sc\nmethod: secure-network\nretention:\n  period: "each extract replaces the previous night's; old extracts deleted after 7 days"\nauthorisation:\n  iao_name: "HMPPS offender data IAO"\n  iao_decision: pending\n	e115eeb0ae1e8ec55a9ec21bd34f2c90472dba0e9d085ea29bfcce7e499c5ebd 8581 02.md	dmf-20261129-mvm6\nsam integration\nhmpps digital, data integration\ndisc\nhmpps\nquantum\nhmpps	sent	2027-06-30	review
DMF-20261129-VEKP	2026-11-29T03:14:10Z	Robin Records	Knowledge and information management	third-party	DOM1	Migration Partners Ltd	Supplier document migration platform	Migration Partners Ltd	not-sure	OFFICIAL-SENSITIVE	refer	2026.11-2	share	one-off	2027-06-30	transfer.kind=share\ntransfer.frequency=one-off\ntransfer.purpose=Historical contract records for the supplier's migration work\nrequester.name=Robin Records\nrequester.email=robin.records@justice.gov.uk\nrequester.team=Knowledge and information management\ndata.description=2012 contract register, marked RESTRICTED\ndata.classification=not-sure\ndata.legacy_marking=il3-restricted\ndata.personal_data=no\ndata.records=300\nroute.type=third-party\nroute.source_system=DOM1\nroute.destination_organisation=Migration Partners Ltd\nroute.destination_system=Supplier document migration platform\nroute.destination_accreditation=official-sensitive\nrecipients[0].name=Migration lead\nrecipients[0].organisation=Migration Partners Ltd\nrecipients[0].role=Project manager\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=secure-file-transfer\nretention.delete_by=2027-06-30\nthird_party.contract=yes\nthird_party.nda=yes\nthird_party.security_aspects_letter=yes\nthird_party.code_of_connection=not-needed\nauthorisation.iao_name=Commercial IAO\nauthorisation.iao_decision=authorised	format: 1\ntransfer:\n  kind: share\n  frequency: one-off\n  purpose: "Historical contract records for the supplier's migration work"\nrequester:\n  name: "Robin Records"\n  email: "robin.records@justice.gov.uk"\n  team: "Knowledge and information management"\ndata:\n  description: "2012 contract register, marked RESTRICTED"\n  classification: not-sure\n  legacy_marking: il3-restricted\n  personal_data: no\n  records: 300\nroute:\n  type: third-party\n  source_system: "DOM1"\n  destination_organisation: "Migration Partners Ltd"\n  destination_system: "Supplier document migration platform"\n  destination_accreditation: official-sensitive\nrecipients:\n- name: "Migration lead"\n  organisation: "Migration Partners Ltd"\n  role: "Project manager"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: secure-file-transfer\nretention:\n  delete_by: 2027-06-30\nthird_party:\n  contract: yes\n  nda: yes\n  security_aspects_letter: yes\n  code_of_connection: not-needed\nauthorisation:\n  iao_name: "Commercial IAO"\n  iao_decision: authorised\n	b035d5f51020c10410d25ae8fb758da37d638093b64c6feec4ad84df776672aa 8109 08.md	dmf-20261129-vekp\nrobin records\nknowledge and information management\ndom1\nmigration partners ltd\nsupplier document migration platform\nmigration partners ltd	recorded	\N	\N
DMF-20261129-5NA6	2026-11-29T02:14:10Z	Priya Caseworker	Civil casework, Leeds	same-system	DOM1		DOM1 team folder (Civil casework)	HMCTS	official-sensitive	OFFICIAL-SENSITIVE	proceed	2026.11-2	share	one-off	\N	transfer.kind=share\ntransfer.frequency=one-off\ntransfer.purpose=Share the weekly case tracker with the casework team\nrequester.name=Priya Caseworker\nrequester.email=priya.caseworker@justice.gov.uk\nrequester.team=Civil casework, Leeds\ndata.description=Case tracker spreadsheet: case numbers, dates and status, no names\ndata.classification=official-sensitive\ndata.legacy_marking=none\ndata.personal_data=no\ndata.records=180\nroute.type=same-system\nroute.source_system=DOM1\nroute.destination_system=DOM1 team folder (Civil casework)\nrecipients[0].name=Casework team lead\nrecipients[0].organisation=HMCTS\nrecipients[0].role=Team leader\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=within-system\nretention.period=until the cases close, then under the team's retention schedule	format: 1\ntransfer:\n  kind: share\n  frequency: one-off\n  purpose: "Share the weekly case tracker with the casework team"\nrequester:\n  name: "Priya Caseworker"\n  email: "priya.caseworker@justice.gov.uk"\n  team: "Civil casework, Leeds"\ndata:\n  description: "Case tracker spreadsheet: case numbers, dates and status, no names"\n  classification: official-sensitive\n  legacy_marking: none\n  personal_data: no\n  records: 180\nroute:\n  type: same-system\n  source_system: "DOM1"\n  destination_system: "DOM1 team folder (Civil casework)"\nrecipients:\n- name: "Casework team lead"\n  organisation: "HMCTS"\n  role: "Team leader"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: within-system\nretention:\n  period: "until the cases close, then under the team's retention schedule"\n	9547358b74fc6e6b3a8e88e872af6193bb5d1f782132f056acde5c698ae46ee0 5549 01.md	dmf-20261129-5na6\npriya caseworker\ncivil casework, leeds\ndom1\n\ndom1 team folder (civil casework)\nhmcts	sent	\N	\N
DMF-20261129-4PW2	2026-11-29T03:14:10Z	Alex Liaison	Cross-government casework	other-government-department	DOM1	Department for Work and Pensions	DWP Microsoft 365 tenancy	Department for Work and Pensions	official-sensitive	OFFICIAL-SENSITIVE	conditions	2026.11-2	share	one-off	2027-03-31	transfer.kind=share\ntransfer.frequency=one-off\ntransfer.purpose=Joint casework on 200 shared claimants\nrequester.name=Alex Liaison\nrequester.email=alex.liaison@justice.gov.uk\nrequester.team=Cross-government casework\ndata.description=Claimant list with case references\ndata.classification=official-sensitive\ndata.legacy_marking=none\ndata.personal_data=yes\ndata.records=200\ndata.bulk=no\nroute.type=other-government-department\nroute.source_system=DOM1\nroute.destination_organisation=Department for Work and Pensions\nroute.destination_system=DWP Microsoft 365 tenancy\nroute.destination_accreditation=official-sensitive\nrecipients[0].name=Jo Caseworker\nrecipients[0].organisation=Department for Work and Pensions\nrecipients[0].role=Caseworker\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=sharing-service\nretention.delete_by=2027-03-31\nauthorisation.iao_name=Civil data IAO\nauthorisation.iao_decision=pending	format: 1\ntransfer:\n  kind: share\n  frequency: one-off\n  purpose: "Joint casework on 200 shared claimants"\nrequester:\n  name: "Alex Liaison"\n  email: "alex.liaison@justice.gov.uk"\n  team: "Cross-government casework"\ndata:\n  description: "Claimant list with case references"\n  classification: official-sensitive\n  legacy_marking: none\n  personal_data: yes\n  records: 200\n  bulk: no\nroute:\n  type: other-government-department\n  source_system: "DOM1"\n  destination_organisation: "Department for Work and Pensions"\n  destination_system: "DWP Microsoft 365 tenancy"\n  destination_accreditation: official-sensitive\nrecipients:\n- name: "Jo Caseworker"\n  organisation: "Department for Work and Pensions"\n  role: "Caseworker"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: sharing-service\nretention:\n  delete_by: 2027-03-31\nauthorisation:\n  iao_name: "Civil data IAO"\n  iao_decision: pending\n	3c15d93d1c66b469a5e4650f62d2e155d6c928073d450a3b840e1b94f24e1402 7518 03.md	dmf-20261129-4pw2\nalex liaison\ncross-government casework\ndom1\ndepartment for work and pensions\ndwp microsoft 365 tenancy\ndepartment for work and pensions	closed	\N	\N
DMF-20261129-9ZM5	2026-11-29T04:14:10Z	Ash Estates	End-user computing	third-party	DOM1	Example Disposal Services Ltd	Contractor's secure destruction facility	Example Disposal Services Ltd	official	OFFICIAL	conditions	2026.11-2	move	one-off	\N	transfer.kind=move\ntransfer.frequency=one-off\ntransfer.purpose=Secure disposal of 50 decommissioned laptops\nrequester.name=Ash Estates\nrequester.email=ash.estates@justice.gov.uk\nrequester.team=End-user computing\ndata.description=50 laptops with encrypted disks that may hold residual case data\ndata.classification=official\ndata.legacy_marking=none\ndata.personal_data=yes\ndata.bulk=no\nroute.type=third-party\nroute.source_system=DOM1\nroute.destination_organisation=Example Disposal Services Ltd\nroute.destination_system=Contractor's secure destruction facility\nroute.destination_accreditation=official\nrecipients[0].name=Disposal contract manager\nrecipients[0].organisation=Example Disposal Services Ltd\nrecipients[0].role=Contract manager\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=encrypted-storage-device\nretention.period=destroyed to MOJ standards; destruction certificate returned within 30 days\nthird_party.contract=yes\nthird_party.nda=yes\nthird_party.security_aspects_letter=yes\nthird_party.code_of_connection=not-needed\nauthorisation.iao_name=End-user computing IAO\nauthorisation.iao_decision=pending	format: 1\ntransfer:\n  kind: move\n  frequency: one-off\n  purpose: "Secure disposal of 50 decommissioned laptops"\nrequester:\n  name: "Ash Estates"\n  email: "ash.estates@justice.gov.uk"\n  team: "End-user computing"\ndata:\n  description: "50 laptops with encrypted disks that may hold residual case data"\n  classification: official\n  legacy_marking: none\n  personal_data: yes\n  bulk: no\nroute:\n  type: third-party\n  source_system: "DOM1"\n  destination_organisation: "Example Disposal Services Ltd"\n  destination_system: "Contractor's secure destruction facility"\n  destination_accreditation: official\nrecipients:\n- name: "Disposal contract manager"\n  organisation: "Example Disposal Services Ltd"\n  role: "Contract manager"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: encrypted-storage-device\nretention:\n  period: "destroyed to MOJ standards; destruction certificate returned within 30 days"\nthird_party:\n  contract: yes\n  nda: yes\n  security_aspects_letter: yes\n  code_of_connection: not-needed\nauthorisation:\n  iao_name: "End-user computing IAO"\n  iao_decision: pending\n	6c3f4533c9edcd9f254db7efd7b0b3d3f063eee58fbb9ebddb4c8a31e65e2468 8635 12.md	dmf-20261129-9zm5\nash estates\nend-user computing\ndom1\nexample disposal services ltd\ncontractor's secure destruction facility\nexample disposal services ltd	sender-copy-deleted	\N	\N
DMF-20261129-2T2Z	2026-11-29T04:14:10Z	A. Person	Performance Analysis	other-government-department	DOM1	Department for Education	DfE analytical platform	Department for Education	official-sensitive	OFFICIAL-SENSITIVE	conditions	2026.11-2	share	one-off	2027-03-31	transfer.kind=share\ntransfer.frequency=one-off\ntransfer.purpose=Monthly caseload figures for the joint inspection\nrequester.name=A. Person\nrequester.email=a.person@example.gov.uk\nrequester.team=Performance Analysis\ndata.description=Caseload extract, one row per case\ndata.classification=official-sensitive\ndata.legacy_marking=none\ndata.personal_data=yes\ndata.records=4200\ndata.bulk=yes\nroute.type=other-government-department\nroute.source_system=DOM1\nroute.destination_organisation=Department for Education\nroute.destination_system=DfE analytical platform\nroute.destination_accreditation=official-sensitive\nrecipients[0].name=B. Analyst\nrecipients[0].organisation=Department for Education\nrecipients[0].role=Statistician\nrecipients[0].mailbox=personal\nrecipients[0].authorised=yes\nrecipients[0].clearance=bpss\nmethod=secure-network\nretention.delete_by=2027-03-31\nretention.period=until the inspection report is published\nthird_party.contract=yes\nthird_party.nda=yes\nthird_party.security_aspects_letter=not-needed\nthird_party.code_of_connection=not-needed\nauthorisation.iao_name=C. Owner\nauthorisation.iao_decision=pending	format: 1\ntransfer:\n  kind: share\n  frequency: one-off\n  purpose: "Monthly caseload figures for the joint inspection"\nrequester:\n  name: "A. Person"\n  email: "a.person@example.gov.uk"\n  team: "Performance Analysis"\ndata:\n  description: "Caseload extract, one row per case"\n  classification: official-sensitive\n  legacy_marking: none\n  personal_data: yes\n  records: 4200\n  bulk: yes\nroute:\n  type: other-government-department\n  source_system: "DOM1"\n  destination_organisation: "Department for Education"\n  destination_system: "DfE analytical platform"\n  destination_accreditation: official-sensitive\nrecipients:\n- name: "B. Analyst"\n  organisation: "Department for Education"\n  role: "Statistician"\n  mailbox: personal\n  authorised: yes\n  clearance: bpss\nmethod: secure-network\nretention:\n  delete_by: 2027-03-31\n  period: "until the inspection report is published"\nthird_party:\n  contract: yes\n  nda: yes\n  security_aspects_letter: not-needed\n  code_of_connection: not-needed\nauthorisation:\n  iao_name: "C. Owner"\n  iao_decision: pending\n	e2dc0447107e16e025f259575a91b897f19ce014ed661c9086637d4a2c7795ea 8236 example.md	dmf-20261129-2t2z\na. person\nperformance analysis\ndom1\ndepartment for education\ndfe analytical platform\ndepartment for education	received	2027-03-31	deletion
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events (sequence, reference, kind, recorded_at, by_person, date, reason, files, next_review, entry_digest, previous_hash, hash) FROM stdin;
1	DMF-20261129-5NA6	created	2026-11-29T02:14:10Z	Priya Caseworker	2026-11-29	\N		\N	207ae42730567717de21b58af8be9683bdbc2d1c27c12a8bbb07e34af2e57211	0000000000000000000000000000000000000000000000000000000000000000	c11e6b9b2356cdcbb11f2f9cf8199ce56c2f9d36e37bae36e34126d4bd657743
2	DMF-20261129-MVM6	created	2026-11-29T02:14:10Z	Sam Integration	2026-11-29	\N		\N	d41bf06193bbeba4d5350a89c6010b4362746cf20fe12db7b62a8316e441a408	c11e6b9b2356cdcbb11f2f9cf8199ce56c2f9d36e37bae36e34126d4bd657743	018383f5e588512716cca529fd7695ac9f2fb9b42dbbb7ed0d6d190db8f0e79c
3	DMF-20261129-4PW2	created	2026-11-29T03:14:10Z	Alex Liaison	2026-11-29	\N		\N	3a752a3a39e6473e80cd0b967323cbf6de2a2f05c44833f0d0fcd6fa35d13e36	018383f5e588512716cca529fd7695ac9f2fb9b42dbbb7ed0d6d190db8f0e79c	af1f4a8eba700c0942562fe42b8b9029febf486fe17278cc1d6d86aef76234d8
4	DMF-20261129-5Y13	created	2026-11-29T03:14:10Z	Taylor Tester	2026-11-29	\N		\N	dc14d21e65f0690f8f809224dcbe896b1a0391d087532067a2977f36eb57dd29	af1f4a8eba700c0942562fe42b8b9029febf486fe17278cc1d6d86aef76234d8	fbded0d84561831a6b04fec2bb842e536f2786b1e35f6cadc57a9b791d81de75
5	DMF-20261129-YMT7	created	2026-11-29T03:14:10Z	Chris Researcher	2026-11-29	\N		\N	44724e6d3dd35750e3d9486c2324050ea8871595a5991cc63532bbe029b5de7a	fbded0d84561831a6b04fec2bb842e536f2786b1e35f6cadc57a9b791d81de75	abefa73eb88c999d6b3f4a6452f395cd109c09d5f6d9fadc2b7ba2a1a9bcd66d
6	DMF-20261129-VEKP	created	2026-11-29T03:14:10Z	Robin Records	2026-11-29	\N		\N	dcec7f8e62411a3e97410adf2ded117d2948d2fd39338b59a077fb29ce8cce9c	abefa73eb88c999d6b3f4a6452f395cd109c09d5f6d9fadc2b7ba2a1a9bcd66d	a2b1d9c140aa99950c8f0ed05448c8d06d1974057f7d95fbfafe744b6b4fc4e3
7	DMF-20261129-9ZM5	created	2026-11-29T04:14:10Z	Ash Estates	2026-11-29	\N		\N	53fe5f55eeae601d3111d1e4c44d2f91f68633ef56b4adbca08c0287feef3d3c	a2b1d9c140aa99950c8f0ed05448c8d06d1974057f7d95fbfafe744b6b4fc4e3	30583f7443771eeb256f6ee61580bca46bc02ede40a37d0b3ae8315680806bd5
8	DMF-20261129-2T2Z	created	2026-11-29T04:14:10Z	A. Person	2026-11-29	\N		\N	3a128e5b4df43951553af166adb7386b8c8e3911d822e3dcfbbda7bfe9b3dbc2	30583f7443771eeb256f6ee61580bca46bc02ede40a37d0b3ae8315680806bd5	7c0caea7e6cb57bb4819dd3168f7db8f01f1ef3483cdb306dc10db7e835c8d1e
9	DMF-20261129-5NA6	sent	2026-11-29T05:14:10Z	Sam Integration	2026-11-29	\N	4809ddf6432860a02c540fb6a3e83613e9dbcc62be29fb5791bedfbc886a1672 16 extract.csv	\N	\N	7c0caea7e6cb57bb4819dd3168f7db8f01f1ef3483cdb306dc10db7e835c8d1e	569cdf479dc11faf89736ce3b0cfeaa577c1aa54a1467e1531ef80c7cd22cf96
10	DMF-20261129-MVM6	authorised	2026-11-29T05:14:10Z	Iris IAO	2026-11-29	nightly feed agreed		\N	\N	569cdf479dc11faf89736ce3b0cfeaa577c1aa54a1467e1531ef80c7cd22cf96	1573e6de97feb957e8421cc1a5a57340ad54de2540c4c4950f7a6e8cd7630a80
11	DMF-20261129-MVM6	sent	2026-11-29T05:14:10Z	Sam Integration	2026-11-29	\N	4809ddf6432860a02c540fb6a3e83613e9dbcc62be29fb5791bedfbc886a1672 16 extract.csv	\N	\N	1573e6de97feb957e8421cc1a5a57340ad54de2540c4c4950f7a6e8cd7630a80	42734f55b1d15b295e699c27b3f5f8ccc5d12b5da5374e0d8e008b68ddd3fe57
12	DMF-20261129-4PW2	authorised	2026-11-29T06:14:10Z	Iris IAO	2026-11-29	line one\nline two with a back\\slash and café		\N	\N	42734f55b1d15b295e699c27b3f5f8ccc5d12b5da5374e0d8e008b68ddd3fe57	f02f5c8c52675abeaefc20c31dfaccec5d911226d6279ce96191a84e52496f42
13	DMF-20261129-4PW2	sent	2026-11-29T06:14:10Z	Priya Caseworker	2026-11-30	\N	4809ddf6432860a02c540fb6a3e83613e9dbcc62be29fb5791bedfbc886a1672 16 extract.csv	\N	\N	f02f5c8c52675abeaefc20c31dfaccec5d911226d6279ce96191a84e52496f42	f685018aa409abc124e310dd2a34aa87788e919d165983b2b9ccd6c1bd376514
14	DMF-20261129-4PW2	received	2026-11-29T06:14:10Z	Rita Recipient	2026-12-01	\N	4809ddf6432860a02c540fb6a3e83613e9dbcc62be29fb5791bedfbc886a1672 16 extract.csv	\N	\N	f685018aa409abc124e310dd2a34aa87788e919d165983b2b9ccd6c1bd376514	c3b0232d11cecf7f90ad42227366ab3c992e652cc15dc3d78c8737fb583bc73b
15	DMF-20261129-4PW2	all-copies-deleted	2026-11-29T06:14:10Z	Rita Recipient	2026-12-02	\N		\N	\N	c3b0232d11cecf7f90ad42227366ab3c992e652cc15dc3d78c8737fb583bc73b	c08f173125cd2f6f026fb507cf45ca77b9bfd7e32ef1583d74208b210aabb43d
16	DMF-20261129-5Y13	refused	2026-11-29T06:14:10Z	Iris IAO	2026-11-29	no NDA with the supplier		\N	\N	c08f173125cd2f6f026fb507cf45ca77b9bfd7e32ef1583d74208b210aabb43d	26f1c02be927e258945aca3047fb20706ea10feeda4aebb3da10dd06ed8c9bf2
17	DMF-20261129-9ZM5	authorised	2026-11-29T07:14:10Z	Iris IAO	2026-11-29	\N		\N	\N	26f1c02be927e258945aca3047fb20706ea10feeda4aebb3da10dd06ed8c9bf2	c809c288924096303a32aa84a00dd5a75ddc9a8a6bc4f319db1326aeee5e0177
18	DMF-20261129-9ZM5	sent	2026-11-29T07:14:10Z	Ash Estates	2026-11-29	\N	4809ddf6432860a02c540fb6a3e83613e9dbcc62be29fb5791bedfbc886a1672 16 extract.csv	\N	\N	c809c288924096303a32aa84a00dd5a75ddc9a8a6bc4f319db1326aeee5e0177	82184db31dc9d6ad0d6c2555470f3de2858b0fe55214239ad7f306636e37a68d
19	DMF-20261129-9ZM5	received	2026-11-29T07:14:10Z	Disposal Ltd	2026-11-29	\N	4809ddf6432860a02c540fb6a3e83613e9dbcc62be29fb5791bedfbc886a1672 16 extract.csv	\N	\N	82184db31dc9d6ad0d6c2555470f3de2858b0fe55214239ad7f306636e37a68d	7a977ceb22698ea503e309e0c44839853b033255c0db0a55a7ab9756b2dd3581
20	DMF-20261129-9ZM5	sender-copy-deleted	2026-11-29T07:14:10Z	Ash Estates	2026-11-29	\N		\N	\N	7a977ceb22698ea503e309e0c44839853b033255c0db0a55a7ab9756b2dd3581	c4bc4f5619e9fa2f4b57affe5e1c95193c678ae40f990b7460bdaf84a0b36fc1
21	DMF-20261129-MVM6	reviewed	2026-11-29T07:14:10Z	Iris IAO	2026-11-30	\N		2027-06-30	\N	c4bc4f5619e9fa2f4b57affe5e1c95193c678ae40f990b7460bdaf84a0b36fc1	c8ae0ae77a851bf776022ab950fd8f6985b6e89bdfd9661999f41caff2b90714
22	DMF-20261129-2T2Z	authorised	2026-11-29T08:14:10Z	Iris IAO	2026-11-29	for the pilot		\N	\N	c8ae0ae77a851bf776022ab950fd8f6985b6e89bdfd9661999f41caff2b90714	dabfbfcaa5505af2358d470288390b961c41b0530e67e30aed7d3fec98309908
23	DMF-20261129-2T2Z	sent	2026-11-29T08:14:10Z	Priya Caseworker	2026-11-29	sealed in DMF-20261129-2T2Z.manifest.json, SHA-256 a4a2b3cfce2441165b7d1c5e222b15e308afc5312484eb53ad7db2b09d987df8	a32a5ebc303bf963e8230643dfbe38d46684d68ae6c715d5e07af9b282ca6267 22 cases.csv	\N	\N	dabfbfcaa5505af2358d470288390b961c41b0530e67e30aed7d3fec98309908	001c8835924acf252d175a24d36abd9d22bf1d410f8fc09a26b36b19f364bd1b
24	DMF-20261129-2T2Z	received	2026-11-29T08:14:10Z	Rita Recipient	2026-11-29	checked against DMF-20261129-2T2Z.manifest.json, SHA-256 a4a2b3cfce2441165b7d1c5e222b15e308afc5312484eb53ad7db2b09d987df8	a32a5ebc303bf963e8230643dfbe38d46684d68ae6c715d5e07af9b282ca6267 22 cases.csv	\N	\N	001c8835924acf252d175a24d36abd9d22bf1d410f8fc09a26b36b19f364bd1b	cb49698f15e244d5dcc8fa9a66d7b848393463815e00966595af28e3317bc47f
\.


--
-- Name: entries entries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.entries
    ADD CONSTRAINT entries_pkey PRIMARY KEY (reference);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (sequence);


--
-- Name: entries_by_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX entries_by_due ON public.entries USING btree (next_due);


--
-- Name: entries_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX entries_by_time ON public.entries USING btree (recorded_at);


--
-- Name: entries_for_lists; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX entries_for_lists ON public.entries USING btree (search, reference, recorded_at, requester, team, route, classification, marking, verdict, status, next_due, next_due_kind);


--
-- Name: events_by_reference; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_by_reference ON public.events USING btree (reference, sequence);


--
-- Name: entries entries_fixed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER entries_fixed BEFORE UPDATE OF reference, recorded_at, requester, team, route, source_system, destination_organisation, destination_system, recipient_organisations, classification, marking, verdict, rules_version, transfer_kind, frequency, delete_by, fingerprint, answers, documents, search ON public.entries FOR EACH ROW EXECUTE FUNCTION public.dmf_register_keeps_history();


--
-- Name: entries entries_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER entries_no_delete BEFORE DELETE ON public.entries FOR EACH ROW EXECUTE FUNCTION public.dmf_register_keeps_history();


--
-- Name: events events_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_append_only BEFORE DELETE OR UPDATE ON public.events FOR EACH ROW EXECUTE FUNCTION public.dmf_register_keeps_history();


--
-- Name: events events_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON public.events FOR EACH STATEMENT EXECUTE FUNCTION public.dmf_register_keeps_history();


--
-- Name: events events_reference_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_reference_fkey FOREIGN KEY (reference) REFERENCES public.entries(reference);


--
-- PostgreSQL database dump complete
--

\unrestrict RX8SrfzNLv6lXTHGUGn4KqHbjU4TazubmtFNPlbd7ERO2xLFpSFQCM1ToDp45yW

