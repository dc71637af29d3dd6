"""The independent evaluation (detector/eval): documents the model was not made from.

All of the v1 set is scored here (dev and test: the split was retired once both had been
studied, see MODEL.md); the floors are the figures reached by the committed model, so a
change that loses ground fails. The v2 set, split once into v2dev (tuned on) and v2test,
has floors per part.
"""

from __future__ import annotations

import ast
import json
from dataclasses import replace
from pathlib import Path

import pytest

from detector.engine import DetectionEngine
from detector.eval.__main__ import evaluate_split, field_scores, scores_without_stand_ins, table
from detector.eval.dataset import (
    SPLIT_FILE,
    V2_SOURCES,
    V2_SPLIT_FILE,
    V2_SPLIT_SEED,
    V3_PARTS,
    V3_SOURCES,
    V3_SPLIT_FILE,
    V3_SPLIT_SEED,
    V4_PARTS,
    V4_SOURCES,
    V4_SPLIT_FILE,
    V4_SPLIT_SEED,
    EvalDoc,
    Split,
    family_source,
    group,
    load,
    load_all,
    make_split,
    make_v3_split,
    make_v4_split,
)
from detector.evaluation import Scores
from detector.types import TYPE_IDS

#: Floors on all of v1 (issue 13's targets: P >= 0.97, R >= 0.95, every type F1 >= 0.90).
MICRO_PRECISION = 0.97
MICRO_RECALL = 0.98
#: Every type's F1 (the lowest, credit_card, is 0.946 with 48 labels; see MODEL.md).
TYPE_F1 = 0.94
#: Types whose all-v1 F1 floor differs from `TYPE_F1`.
TYPE_F1_FLOORS: dict[str, float] = {}
#: Floors on the unseen sets (MODEL.md): the committed model's figures minus 0.005, below issue
#: 13's targets on the test parts: regression guards, not goals. Each set was split once by
#: family into a dev part (tuned on: its errors were read) and a test part, only ever scored as
#: tables, once per model. Looks at each test part so far: v2test 15, v3test 13, v4test 11,
#: v5test 11, v6test 8, v7test 6, v8test 6, v9test 4, v10test 3, v11test 3 (besides this test's
#: pass or fail, which helpers read on their commits in sessions 10 and 11). The committed rules
#: (session 11; the model is session 9's), micro P/R: v2dev 0.986/0.983, v2test 0.971/0.900
#: (0.962/0.910 in session 10: the key-novelty and stand-in rules cost recall there); v3dev
#: 0.997/0.986, v3test 0.965/0.976; v4dev 0.975/0.941 (0.978: PayPal name prefixes v4 left
#: unlabelled against its written convention), v4test 0.976/0.924; v5dev 0.981/0.982, v5test
#: 0.952/0.967; v6dev 0.976/0.963, v6test 0.929/0.909; v7dev 0.961/0.982, v7test 0.930/0.927;
#: v8dev 0.978/0.990 and v8test 0.882/0.978 (0.864/0.929 and 0.756/0.887 before v8dev was
#: read: the same vendors); v9dev 0.926/0.931 and v9test 0.905/0.908 (0.822/0.843 and
#: 0.821/0.847 with session 10's code, sealed; then v9dev was read and 44 labels on nulls were
#: removed from v9); v10dev 0.831/0.844 and v10test 0.857/0.836 (0.758/0.723 and 0.853/0.717
#: with session 10's code, sealed; then v10dev was read); v11 (made in session 11 by a helper
#: who never saw the detector; sealed in session 11) v11dev 0.747/0.850, v11test 0.772/0.887
#: (session 10's code: 0.720/0.838 and 0.760/0.887), then v11dev was read in session 12:
#: v11dev 0.898/0.948, v11test 0.865/0.950; v12 (made in session 12 the same way, sealed)
#: v12dev 0.847/0.881, v12test 0.835/0.892 (0.839/0.881 and 0.820/0.892 before the v11dev
#: round), then v12dev was read: v12dev 0.883/0.896, v12test 0.886/0.894 (0.890/0.965 and
#: 0.893/0.957 with a userId-login rule that v13 showed wrong); v13 (session 12, sealed)
#: v13dev 0.662/0.915, v13test 0.655/0.931 (0.646/0.915, 0.641/0.931 with that rule); after
#: the v11dev round v5test 0.961/0.971, v6test 0.935/0.913, v8test 0.889/0.978, v9dev
#: 0.928/0.932, v9test 0.907/0.919, v10test 0.863/0.836 and v3dev 0.997/0.983. A retrain moves
#: these splits by up to 0.03 with the seed alone (MODEL.md), so a new model re-bases them.
#: Session 15 re-based every floor below: a helper who never saw the detector relabelled the
#: stand-in decisions of v7 to v15 by the one labelling convention (a stand-in with the type's
#: shape is the type: 232 decisions now give labels, 67 more were added), so their figures are
#: not comparable with the ones above; and the engine now reports such stand-ins under name
#: keys (`name_rules.stand_in_person`), which v3 to v6, not relabelled, call negatives
#: (v5dev 0.981 → 0.970, v6dev 0.976 → 0.954 precision). Each floor is session 15's figure
#: minus 0.005; the figures are in MODEL.md's session 15 section.
V2DEV_PRECISION, V2DEV_RECALL = 0.977, 0.981
V2TEST_PRECISION, V2TEST_RECALL = 0.965, 0.904
V3DEV_PRECISION, V3DEV_RECALL = 0.992, 0.982
V3TEST_PRECISION, V3TEST_RECALL = 0.960, 0.974
V4DEV_PRECISION, V4DEV_RECALL = 0.957, 0.937  # session 20 (below)
V4TEST_PRECISION, V4TEST_RECALL = 0.970, 0.918
V5DEV_PRECISION, V5DEV_RECALL = 0.963, 0.979
V5TEST_PRECISION, V5TEST_RECALL = 0.936, 0.965
V6DEV_PRECISION, V6DEV_RECALL = 0.943, 0.964
V6TEST_PRECISION, V6TEST_RECALL = 0.873, 0.920  # session 20 (below)
V7DEV_PRECISION, V7DEV_RECALL = 0.964, 0.944
V7TEST_PRECISION, V7TEST_RECALL = 0.922, 0.914
V8DEV_PRECISION, V8DEV_RECALL = 0.958, 0.976  # session 20 (below)
V8TEST_PRECISION, V8TEST_RECALL = 0.883, 0.942
V9DEV_PRECISION, V9DEV_RECALL = 0.932, 0.928  # session 20 (below)
V9TEST_PRECISION, V9TEST_RECALL = 0.918, 0.911
V10DEV_PRECISION, V10DEV_RECALL = 0.860, 0.806
V10TEST_PRECISION, V10TEST_RECALL = 0.882, 0.849
V11DEV_PRECISION, V11DEV_RECALL = 0.929, 0.916
V11TEST_PRECISION, V11TEST_RECALL = 0.907, 0.935
V12DEV_PRECISION, V12DEV_RECALL = 0.904, 0.960
V12TEST_PRECISION, V12TEST_RECALL = 0.900, 0.955
V13DEV_PRECISION, V13DEV_RECALL = 0.799, 0.945
V13TEST_PRECISION, V13TEST_RECALL = 0.776, 0.951
#: v14 and v15 (session 13, made by two helpers who never saw the detector; sealed, scored once
#: with session 12's model and rules): v14dev 0.881/0.768, v14test 0.860/0.744, v15dev
#: 0.753/0.861, v15test 0.724/0.807. Session 13 also scored every test part above twice more (this
#: model, and one whose key model learned the dev halves' real keys, `detector.real_rows`). Then
#: v14dev and v15dev were read: v14dev 0.886/0.809, v14test 0.865/0.780, v15dev 0.802/0.873,
#: v15test 0.816/0.859 (Scaleway's `"family": "inet"` is in both halves of v15). From session
#: 14 labels on leaves without data are not scored (`dataset.with_data`: v15's 37 nulls, v14's
#: 6): v14dev 0.886/0.819, v14test 0.865/0.782, v15dev 0.802/0.910, v15test 0.817/0.906.
V14DEV_PRECISION, V14DEV_RECALL = 0.908, 0.857
V14TEST_PRECISION, V14TEST_RECALL = 0.876, 0.794
V15DEV_PRECISION, V15DEV_RECALL = 0.913, 0.900
V15TEST_PRECISION, V15TEST_RECALL = 0.915, 0.897
#: v16 (session 14, the first set under the one labelling convention of the data README; made
#: by a helper who never saw the detector; sealed, scored once as tables): v16dev 0.927/0.837,
#: v16test 0.947/0.871.
#: After the v16dev/v17dev round (session 14): v16dev 0.962/0.905, v16test 0.976/0.934.
V16DEV_PRECISION, V16DEV_RECALL = 0.961, 0.952
V16TEST_PRECISION, V16TEST_RECALL = 0.973, 0.938
#: v17 (session 14, the second set under the one convention, made at the same time by another
#: helper; sealed, scored once as tables): v17dev 0.871/0.790, v17test 0.848/0.772.
#: After the round: v17dev 0.941/0.840, v17test 0.900/0.822.
V17DEV_PRECISION, V17DEV_RECALL = 0.955, 0.928
V17TEST_PRECISION, V17TEST_RECALL = 0.918, 0.905
#: v18 and v19 (session 15, two more sets under the one convention, made at the same time by two
#: helpers who never saw the detector; sealed, scored once as tables with session 15's rules read
#: on v16dev/v17dev and earlier dev halves): v18dev 0.804/0.684, v18test 0.803/0.684, v19dev
#: 0.883/0.951, v19test 0.880/0.950. Then v18dev and v19dev were read: v18dev 0.897/0.904,
#: v18test 0.880/0.867, v19dev 0.912/0.954, v19test 0.898/0.959.
V18DEV_PRECISION, V18DEV_RECALL = 0.892, 0.978
V18TEST_PRECISION, V18TEST_RECALL = 0.874, 0.948
V19DEV_PRECISION, V19DEV_RECALL = 0.902, 0.949
V19TEST_PRECISION, V19TEST_RECALL = 0.888, 0.953
#: v20 and v21 (session 16, made at the same time by two helpers who never saw the detector,
#: under the one convention; sealed, scored once as tables with session 16's code before their
#: dev halves were read): v20dev 0.920/0.801, v20test 0.910/0.812, v21dev 0.866/0.898, v21test
#: 0.869/0.902. Then v20dev and v21dev were read: v20dev 0.967/0.919, v20test
#: 0.943/0.920, v21dev 0.870/0.930, v21test 0.873/0.930. That round cost v12test 0.8 points
#: and v19dev/v19test 0.5 of precision (a FHIR name extension rule and HR Open's formattedName;
#: v12test's errors were not read), so those floors were re-based with it.
V20DEV_PRECISION, V20DEV_RECALL = 0.962, 0.914
V20TEST_PRECISION, V20TEST_RECALL = 0.938, 0.915
V21DEV_PRECISION, V21DEV_RECALL = 0.857, 0.925  # session 20 (below)
V21TEST_PRECISION, V21TEST_RECALL = 0.857, 0.925  # session 20 (below)
#: v22 (session 16, made after v20 and v21 were read, by a helper who never saw the detector;
#: sealed, scored once as tables with the round read on v20dev/v21dev): v22dev 0.812/0.896,
#: v22test 0.820/0.893 (session 15's rule files: the same, so that round transferred nothing).
#: Then v22dev was read: v22dev 0.903/0.962, v22test 0.885/0.953.
V22DEV_PRECISION, V22DEV_RECALL = 0.898, 0.976
V22TEST_PRECISION, V22TEST_RECALL = 0.880, 0.948
#: v23 (session 17, 27 publishers, by a helper who never saw the detector; sealed, both halves:
#: scored once as tables, errors unread): v23dev 0.912/0.873, v23test 0.928/0.884 (session 15's
#: rule files: 0.910/0.873 and 0.928/0.884, so session 16's two rounds moved it by 0.2 and 0).
#: Session 18 read the dev halves of v23 to v25 (only the errors the set and its second labeller
#: agree on): v23dev 0.939/0.898, v23test 0.921/0.887 (three more false alarms there, unread).
V23DEV_PRECISION, V23DEV_RECALL = 0.929, 0.962  # session 20 (below)
V23TEST_PRECISION, V23TEST_RECALL = 0.912, 0.943  # session 20 (below)
#: v24 (session 17, 20 publishers, made after v23 was scored; sealed, both halves): v24dev
#: 0.905/0.886, v24test 0.941/0.936 (session 15's rule files: the same to three decimals).
#: After session 18's round: v24dev 0.924/0.941, v24test 0.943/0.936.
V24DEV_PRECISION, V24DEV_RECALL = 0.920, 0.952
V24TEST_PRECISION, V24TEST_RECALL = 0.939, 0.944
#: v25 (session 17, 26 publishers, made after v24 was scored; sealed, both halves): v25dev
#: 0.865/0.915, v25test 0.887/0.962 (session 15's rule files: the same to three decimals).
#: After session 18's round: v25dev 0.918/0.915, v25test 0.895/0.962.
V25DEV_PRECISION, V25DEV_RECALL = 0.898, 0.927  # session 20 (below)
V25TEST_PRECISION, V25TEST_RECALL = 0.893, 0.964
#: v26 and v27 (session 18, 24 and 25 publishers, by helpers who never saw the detector; sealed,
#: both halves, scored once as tables): v26dev 0.894/0.890, v26test 0.917/0.873, v27dev
#: 0.922/0.885, v27test 0.915/0.887. The engine before session 18's round scored the same but
#: v26test 0.913/0.873: the round read on the dev halves of v23 to v25 moved them by one alarm.
#: Then their dev halves were read (account holders' and ship-to names): v27dev 0.923/0.895.
#: Session 19's keyed values (`detector.keyed_values`: people under role keys, anything written
#: as a name in a name part's slot, titled names, gender codes, password hashes as passwords,
#: bare and written-out streets, coordinates in degrees and minutes, logins of a record's actor
#: and under compound login keys) moved the splits against their sets' labels, tests pooled
#: 0.926/0.923 → 0.922/0.933 and dev halves 0.946/0.945 → 0.942/0.953: up most on v18test
#: 0.880/0.867 → 0.889/0.953, v23test 0.921/0.887 → 0.934/0.948, v26test 0.917/0.873 →
#: 0.914/0.934; down where a set labels otherwise: v27test 0.915/0.887 → 0.882/0.907 (names under
#: role keys the set leaves unlabelled; against adjudicated labels v27test rose,
#: `test_eval_agreement`), v8test 0.908/0.966 → 0.889/0.957 and v11 (sets made before the one
#: convention label password hashes `secret_key`; v11 leaves gender codes unlabelled), v6test
#: 0.914 → 0.902 precision (v6, made before the convention, leaves stand-ins in name slots
#: unlabelled).
V26DEV_PRECISION, V26DEV_RECALL = 0.897, 0.929
V26TEST_PRECISION, V26TEST_RECALL = 0.904, 0.916
V27DEV_PRECISION, V27DEV_RECALL = 0.890, 0.913
V27TEST_PRECISION, V27TEST_RECALL = 0.877, 0.893
#: v28 and v29 (session 19, 39 and 33 publishers, by two helpers who never saw the detector;
#: sealed, both halves, scored once as tables with this session's engine and with session 18's,
#: b6e205d): v28dev 0.890/0.938 (0.897/0.926), v28test 0.885/0.939 (0.883/0.906), v29dev
#: 0.912/0.945 (0.918/0.942), v29test 0.890/0.942 (0.894/0.937). Then their dev halves were
#: read (session 19's second round: names per language, animals' fields, headings, tax amounts,
#: masked addresses, dates with month names): v28dev 0.934/0.949, v28test 0.890/0.948, v29dev
#: 0.934/0.947, v29test 0.913/0.944; v26test 0.914/0.934 → 0.913/0.921 (the name-slot rule keeps
#: the tested readings of ``API User`` and ``Test`` alone, which v26 labels names).
V28DEV_PRECISION, V28DEV_RECALL = 0.923, 0.944  # session 20 (below)
V28TEST_PRECISION, V28TEST_RECALL = 0.880, 0.934
V29DEV_PRECISION, V29DEV_RECALL = 0.929, 0.940
V29TEST_PRECISION, V29TEST_RECALL = 0.908, 0.937
#: v30 to v33 (sessions 19 and 20, 27, 77, 25 and 49 publishers, by helpers who never saw the
#: detector; sealed, both halves, scored once as tables in session 20 with session 19's engine
#: and with session 20's first round): v30dev 0.893/0.900 → 0.890/0.900, v30test 0.919/0.916 →
#: 0.897/0.916, v31dev 0.893/0.951 → 0.892/0.951, v31test 0.897/0.956 → 0.895/0.958, v32dev
#: 0.867/0.905 → 0.874/0.910, v32test 0.878/0.930 → 0.880/0.930, v33dev 0.855/0.909 →
#: 0.853/0.909, v33test 0.823/0.917 → 0.821/0.917. Then their dev halves were read (the second
#: round): v30test 0.913/0.932, v31test 0.901/0.960, v32test 0.888/0.933, v33test 0.818/0.922.
#: Floors lowered in session 20, each by what the sets leave unlabelled that the convention's
#: adjudicators label: a token, key or password in a URL's query and an e-mail address in a
#: URL (v6test 0.878, v23dev 0.934, v23test 0.917, v25dev 0.903, v21dev and v21test 0.862,
#: v4dev 0.962), a self-describing value under a password key, a password by the convention
#: settled after v18 and v19 (v8dev 0.963, v9dev 0.937: v8's and v9's own readings), and a
#: street written out under an address's ``full`` key (v28dev 0.928).
V30DEV_PRECISION, V30DEV_RECALL = 0.922, 0.911
V30TEST_PRECISION, V30TEST_RECALL = 0.908, 0.927
V31DEV_PRECISION, V31DEV_RECALL = 0.891, 0.953
V31TEST_PRECISION, V31TEST_RECALL = 0.896, 0.955
V32DEV_PRECISION, V32DEV_RECALL = 0.892, 0.922
V32TEST_PRECISION, V32TEST_RECALL = 0.883, 0.928
V33DEV_PRECISION, V33DEV_RECALL = 0.857, 0.925
V33TEST_PRECISION, V33TEST_RECALL = 0.813, 0.917
#: v34 and v35 (session 20, 33 and 22 publishers, by helpers who never saw the detector;
#: sealed, scored once as tables in session 21 with session 19's and session 20's engines):
#: v34dev 0.905/0.893 and 0.899/0.893, v34test 0.948/0.809 both, v35dev 0.860/0.925 and
#: 0.811/0.925, v35test 0.940/0.895 and 0.887/0.904 (v35's sets leave URL contents unlabelled).
#: Then their dev halves were read (session 21's round): v34dev 0.907/0.907, v34test
#: 0.949/0.828, v35dev 0.852/0.925, v35test 0.887/0.904.
V34DEV_PRECISION, V34DEV_RECALL = 0.902, 0.902
V34TEST_PRECISION, V34TEST_RECALL = 0.944, 0.823
V35DEV_PRECISION, V35DEV_RECALL = 0.847, 0.920
V35TEST_PRECISION, V35TEST_RECALL = 0.882, 0.899
#: v37 (session 21, 19 publishers, 146 labels, by a helper who never saw the detector; sealed,
#: scored once as tables in session 21 with session 19's and session 20's engines): v37dev
#: 0.930/0.930 and 0.943/0.930, v37test 0.908/0.920 and 0.948/0.973. Session 21's round, then
#: v37dev read: v37dev 0.957/0.930 (a yes-or-no key's flag), v37test unchanged.
#: v36 (session 21, 8 publishers, 469 labels, by a helper who never saw the detector; sealed,
#: scored once as tables with session 19's, session 20's and the round's engines): v36dev
#: 0.880/0.872 all three, v36test 0.902/0.868, 0.894/0.868, 0.894/0.868. Then v36dev read (a
#: geocoder's address components): v36dev 0.911/0.872, v36test unchanged.
V36DEV_PRECISION, V36DEV_RECALL = 0.906, 0.867
V36TEST_PRECISION, V36TEST_RECALL = 0.889, 0.863
V37DEV_PRECISION, V37DEV_RECALL = 0.952, 0.925
V37TEST_PRECISION, V37TEST_RECALL = 0.943, 0.968
#: v39 (session 22, 6 publishers writing in German, Spanish, Portuguese and Korean, 180 labels, by
#: a helper who never saw the detector; sealed, scored once as tables with session 21's engine
#: and session 22's round so far, both alike): v39dev 0.846/0.759, v39test 0.857/0.839. Then
#: v39dev read (Korean addresses by their value, dates as no secrets): v39dev 0.866/0.816,
#: v39test 0.863/0.882.
#: v38 (session 22, 13 publishers' Postman collections and OpenAPI examples, 888 labels, by a
#: helper who never saw the detector; sealed, scored once as tables with session 21's engine
#: and this round so far, both alike): v38dev 0.850/0.968, v38test 0.854/0.967. Then v38dev
#: read (a generic key at a body's top names no identity document; the alphanumeric CNPJ;
#: accounts and vendors named as such; first names as nicknames; a record's own id beside its
#: document's number): v38dev 0.885/0.977, v38test 0.861/0.967.
V38DEV_PRECISION, V38DEV_RECALL = 0.852, 0.968
V38TEST_PRECISION, V38TEST_RECALL = 0.849, 0.962
V39DEV_PRECISION, V39DEV_RECALL = 0.861, 0.811
V39TEST_PRECISION, V39TEST_RECALL = 0.858, 0.877
#: v40 (session 22, 5 publishers' Postman collections, OpenAPI examples and sample payloads, 226
#: labels) and v41 (session 22, SDK test fixtures of 17 publishers, 279 labels), each by a helper
#: who never saw the detector; sealed, scored once as tables at the end of session 22 with
#: session 21's and session 22's engines, both alike: v40dev 0.879/0.940, v40test 0.927/0.809,
#: v41dev 0.953/0.834, v41test 0.950/0.851. Then v40dev and v41dev read (Russian addresses by
#: their value, GS1 numbers as no cards, facilities as no people, an identity's name written as
#: a login): v40dev 0.902/0.948, v40test 0.928/0.818, v41dev 0.955/0.869, v41test unchanged.
V40DEV_PRECISION, V40DEV_RECALL = 0.897, 0.943
V40TEST_PRECISION, V40TEST_RECALL = 0.923, 0.813
V41DEV_PRECISION, V41DEV_RECALL = 0.950, 0.864
V41TEST_PRECISION, V41TEST_RECALL = 0.945, 0.846
#: v42 (session 23, mocked API bodies of 6 public-service publishers, 164 labels) and v43
#: (session 23, 5 publishers writing in Chinese, Turkish, Dutch, Italian and Russian, 323
#: labels), each by a helper who never saw the detector; sealed, scored once as tables with
#: session 22's engine and session 23's round so far: v42dev 0.889/0.930 and v42test 0.850/0.872
#: with both; v43dev 0.644/0.615 with both, v43test 0.709/0.671 and 0.713/0.671.
#: Then v42dev and v43dev read (a codice fiscale as a national id under a tax key, China's credit
#: code, CJK nicknames as names, stored files as no secrets, createdByName): v42dev unchanged,
#: v42test 0.852/0.885, v43dev 0.800/0.744, v43test 0.819/0.760 (v43test shares v43dev's
#: publishers).
V42DEV_PRECISION, V42DEV_RECALL = 0.884, 0.925
V42TEST_PRECISION, V42TEST_RECALL = 0.847, 0.880
V43DEV_PRECISION, V43DEV_RECALL = 0.795, 0.739
V43TEST_PRECISION, V43TEST_RECALL = 0.814, 0.755
#: v44 (session 23, webhook and event payload samples of 14 publishers, 320 labels, by a helper
#: who never saw the detector; sealed, scored once as tables with session 22's engine and
#: session 23's two rounds, all alike): v44dev 0.958/0.896, v44test 0.954/0.867.
V44DEV_PRECISION, V44DEV_RECALL = 0.953, 0.891
V44TEST_PRECISION, V44TEST_RECALL = 0.949, 0.862


def test_split_is_by_family_and_fixed() -> None:
    split = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))
    assert not set(split["dev"]) & set(split["test"])
    docs = load_all()
    # the procedure split.json was made with (once; later label fixes do not move families)
    again = make_split(docs)
    assert set(again["dev"]) | set(again["test"]) == set(split["dev"]) | set(split["test"])
    assert len({d.family for d in docs if d.source == "hand"}) >= 10
    assert sum(d.source == "hand" for d in docs) >= 300
    assert {group(d.family) for d in docs} == set(split["dev"]) | set(split["test"])


def test_v2_split_is_by_family_fixed_and_reproducible() -> None:
    split = json.loads(V2_SPLIT_FILE.read_text(encoding="utf-8"))
    docs = load_all(V2_SOURCES)
    # made once by `python -m detector.eval.dataset v2`: the same procedure gives the same split
    assert make_split(docs, V2_SPLIT_SEED, V2_SOURCES) == split
    assert not set(split["dev"]) & set(split["test"])
    assert {group(d.family) for d in docs} == set(split["dev"]) | set(split["test"])
    dev, test = load("v2dev"), load("v2test")
    assert len(dev) + len(test) == len(docs)
    # by family: no family (an OpenAPI provider is one) has documents on both sides
    assert not {group(d.family) for d in dev} & {group(d.family) for d in test}
    for source in V2_SOURCES:  # every source on both sides
        assert any(d.source == source for d in dev)
        assert any(d.source == source for d in test)
    dev_types = {t for d in dev for _, t in d.labels}
    test_types = {t for d in test for _, t in d.labels}
    assert dev_types == test_types == set(TYPE_IDS)


def test_v3_split_is_by_family_fixed_and_reproducible() -> None:
    split = json.loads(V3_SPLIT_FILE.read_text(encoding="utf-8"))
    docs = load_all(V3_SOURCES)
    # made once by `python -m detector.eval.dataset v3`: the same procedure gives the same split
    assert make_v3_split() == split
    assert make_split(docs, V3_SPLIT_SEED, V3_PARTS, family_source) == split
    assert make_split(docs, V3_SPLIT_SEED + 1, V3_PARTS, family_source) != split
    assert not set(split["dev"]) & set(split["test"])
    assert {d.family for d in docs} == set(split["dev"]) | set(split["test"])
    dev, test = load("v3dev"), load("v3test")
    assert len(dev) + len(test) == len(docs) == len(load("v3"))
    # by family: an Adyen service, a Stripe resource, a FHIR resourceType is on one side only
    assert not {d.family for d in dev} & {d.family for d in test}
    for part in V3_PARTS:  # every source on both sides
        assert any(family_source(d) == part for d in dev), part
        assert any(family_source(d) == part for d in test), part
    # every type that two or more families carry has support on both sides
    assert_types_on_both_sides(docs, dev, test, min_families=2)


def assert_types_on_both_sides(
    docs: list[EvalDoc], dev: list[EvalDoc], test: list[EvalDoc], min_families: int
) -> None:
    """Every type carried by at least ``min_families`` families has labels in dev and test."""
    families: dict[str, set[str]] = {}
    for d in docs:
        for _, t in d.labels:
            families.setdefault(t, set()).add(d.family)
    dev_types = {t for d in dev for _, t in d.labels}
    test_types = {t for d in test for _, t in d.labels}
    for t, fams in families.items():
        if len(fams) >= min_families:
            assert t in dev_types, t
            assert t in test_types, t


def _as_when_v4_was_split(docs: list[EvalDoc]) -> list[EvalDoc]:
    """v4 without the birthday parts the lead labelled after the split (Checkout.com's
    ``date_of_birth.{day,month,year}``)."""

    def later(family: str, path: str, type_id: str) -> bool:
        return (
            family.startswith("v4checkout/")
            and type_id == "date_of_birth"
            and path.rsplit(".", 2)[-2:-1] == ["date_of_birth"]
        )

    return [
        replace(d, labels=frozenset(x for x in d.labels if not later(d.family, *x))) for d in docs
    ]


def test_v4_split_is_by_family_fixed_and_reproducible() -> None:
    split = json.loads(V4_SPLIT_FILE.read_text(encoding="utf-8"))
    docs = load_all(V4_SOURCES)
    # made once by `python -m detector.eval.dataset v4`: the same procedure on the labels of that
    # day gives the same split (session 9's birthday parts, 15 labels, came after it and move
    # the procedure's balance, not the committed split)
    then = _as_when_v4_was_split(docs)
    assert sum(len(d.labels) for d in docs) - sum(len(d.labels) for d in then) == 15
    assert make_split(then, V4_SPLIT_SEED, V4_PARTS, family_source) == split
    assert make_v4_split() != split
    assert make_split(docs, V4_SPLIT_SEED + 1, V4_PARTS, family_source) != split
    assert {family_source(d) for d in docs} == set(V4_PARTS)
    assert {d.family for d in docs} == set(split["dev"]) | set(split["test"])
    dev, test = load("v4dev"), load("v4test")
    assert len(dev) + len(test) == len(docs) == len(load("v4"))
    assert not {d.family for d in dev} & {d.family for d in test}
    for part in V4_PARTS:  # every vendor with two or more families on both sides
        if len({d.family for d in docs if family_source(d) == part}) >= 2:
            assert any(family_source(d) == part for d in dev), part
            assert any(family_source(d) == part for d in test), part
    assert_types_on_both_sides(docs, dev, test, min_families=3)


def test_an_unknown_split_name_is_an_error_not_an_empty_set() -> None:
    with pytest.raises(ValueError, match="unknown split 'v3tset'"):
        load("v3tset")  # type: ignore[arg-type]


def test_training_never_reads_the_evaluation_set() -> None:
    root = Path(__file__).resolve().parents[2] / "detector"
    for name in (
        "train.py",
        "synth.py",
        "synth_shapes.py",
        "synth_vendor.py",
        "synth_vocab.py",
        "synth_locales.py",
        "model.py",
    ):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not _forbidden(node.module or ""), name
            elif isinstance(node, ast.Import):
                assert not any(_forbidden(a.name) for a in node.names), name


def _forbidden(module: str) -> bool:
    return module in ("detector.eval", "faker") or module.startswith(("detector.eval.", "faker."))


def test_independent_v1_set(engine: DetectionEngine) -> None:
    scores, docs, found = evaluate_split(engine, "all")
    print("\n" + table({"v1": scores}))
    precision, recall, _ = scores.prf()
    assert precision >= MICRO_PRECISION
    assert recall >= MICRO_RECALL
    for t in TYPE_IDS:
        if scores.tp[t] + scores.fn[t] + scores.fp[t]:
            assert scores.prf(t)[2] >= TYPE_F1_FLOORS.get(t, TYPE_F1), t
    # deciding a field from many samples does not lose precision
    one, twenty = field_scores(docs, found, 1), field_scores(docs, found, 20)
    assert twenty.prf()[0] >= one.prf()[0]


#: Each unseen set's dev part (tuned on) and test part (scored as tables only): its floors.
UNSEEN_FLOORS: dict[Split, tuple[float, float]] = {
    "v2dev": (V2DEV_PRECISION, V2DEV_RECALL),
    "v2test": (V2TEST_PRECISION, V2TEST_RECALL),
    "v3dev": (V3DEV_PRECISION, V3DEV_RECALL),
    "v3test": (V3TEST_PRECISION, V3TEST_RECALL),
    "v4dev": (V4DEV_PRECISION, V4DEV_RECALL),
    "v4test": (V4TEST_PRECISION, V4TEST_RECALL),
    "v5dev": (V5DEV_PRECISION, V5DEV_RECALL),
    "v5test": (V5TEST_PRECISION, V5TEST_RECALL),
    "v6dev": (V6DEV_PRECISION, V6DEV_RECALL),
    "v6test": (V6TEST_PRECISION, V6TEST_RECALL),
    "v7dev": (V7DEV_PRECISION, V7DEV_RECALL),
    "v7test": (V7TEST_PRECISION, V7TEST_RECALL),
    "v8dev": (V8DEV_PRECISION, V8DEV_RECALL),
    "v8test": (V8TEST_PRECISION, V8TEST_RECALL),
    "v9dev": (V9DEV_PRECISION, V9DEV_RECALL),
    "v9test": (V9TEST_PRECISION, V9TEST_RECALL),
    "v10dev": (V10DEV_PRECISION, V10DEV_RECALL),
    "v10test": (V10TEST_PRECISION, V10TEST_RECALL),
    "v11dev": (V11DEV_PRECISION, V11DEV_RECALL),
    "v11test": (V11TEST_PRECISION, V11TEST_RECALL),
    "v12dev": (V12DEV_PRECISION, V12DEV_RECALL),
    "v12test": (V12TEST_PRECISION, V12TEST_RECALL),
    "v13dev": (V13DEV_PRECISION, V13DEV_RECALL),
    "v13test": (V13TEST_PRECISION, V13TEST_RECALL),
    "v14dev": (V14DEV_PRECISION, V14DEV_RECALL),
    "v14test": (V14TEST_PRECISION, V14TEST_RECALL),
    "v15dev": (V15DEV_PRECISION, V15DEV_RECALL),
    "v15test": (V15TEST_PRECISION, V15TEST_RECALL),
    "v16dev": (V16DEV_PRECISION, V16DEV_RECALL),
    "v16test": (V16TEST_PRECISION, V16TEST_RECALL),
    "v17dev": (V17DEV_PRECISION, V17DEV_RECALL),
    "v17test": (V17TEST_PRECISION, V17TEST_RECALL),
    "v18dev": (V18DEV_PRECISION, V18DEV_RECALL),
    "v18test": (V18TEST_PRECISION, V18TEST_RECALL),
    "v19dev": (V19DEV_PRECISION, V19DEV_RECALL),
    "v19test": (V19TEST_PRECISION, V19TEST_RECALL),
    "v20dev": (V20DEV_PRECISION, V20DEV_RECALL),
    "v20test": (V20TEST_PRECISION, V20TEST_RECALL),
    "v21dev": (V21DEV_PRECISION, V21DEV_RECALL),
    "v21test": (V21TEST_PRECISION, V21TEST_RECALL),
    "v22dev": (V22DEV_PRECISION, V22DEV_RECALL),
    "v22test": (V22TEST_PRECISION, V22TEST_RECALL),
    "v23dev": (V23DEV_PRECISION, V23DEV_RECALL),
    "v23test": (V23TEST_PRECISION, V23TEST_RECALL),
    "v24dev": (V24DEV_PRECISION, V24DEV_RECALL),
    "v24test": (V24TEST_PRECISION, V24TEST_RECALL),
    "v25dev": (V25DEV_PRECISION, V25DEV_RECALL),
    "v25test": (V25TEST_PRECISION, V25TEST_RECALL),
    "v26dev": (V26DEV_PRECISION, V26DEV_RECALL),
    "v26test": (V26TEST_PRECISION, V26TEST_RECALL),
    "v27dev": (V27DEV_PRECISION, V27DEV_RECALL),
    "v27test": (V27TEST_PRECISION, V27TEST_RECALL),
    "v28dev": (V28DEV_PRECISION, V28DEV_RECALL),
    "v28test": (V28TEST_PRECISION, V28TEST_RECALL),
    "v29dev": (V29DEV_PRECISION, V29DEV_RECALL),
    "v29test": (V29TEST_PRECISION, V29TEST_RECALL),
    "v30dev": (V30DEV_PRECISION, V30DEV_RECALL),
    "v30test": (V30TEST_PRECISION, V30TEST_RECALL),
    "v31dev": (V31DEV_PRECISION, V31DEV_RECALL),
    "v31test": (V31TEST_PRECISION, V31TEST_RECALL),
    "v32dev": (V32DEV_PRECISION, V32DEV_RECALL),
    "v32test": (V32TEST_PRECISION, V32TEST_RECALL),
    "v33dev": (V33DEV_PRECISION, V33DEV_RECALL),
    "v33test": (V33TEST_PRECISION, V33TEST_RECALL),
    "v34dev": (V34DEV_PRECISION, V34DEV_RECALL),
    "v34test": (V34TEST_PRECISION, V34TEST_RECALL),
    "v35dev": (V35DEV_PRECISION, V35DEV_RECALL),
    "v35test": (V35TEST_PRECISION, V35TEST_RECALL),
    "v36dev": (V36DEV_PRECISION, V36DEV_RECALL),
    "v36test": (V36TEST_PRECISION, V36TEST_RECALL),
    "v37dev": (V37DEV_PRECISION, V37DEV_RECALL),
    "v37test": (V37TEST_PRECISION, V37TEST_RECALL),
    "v38dev": (V38DEV_PRECISION, V38DEV_RECALL),
    "v38test": (V38TEST_PRECISION, V38TEST_RECALL),
    "v39dev": (V39DEV_PRECISION, V39DEV_RECALL),
    "v39test": (V39TEST_PRECISION, V39TEST_RECALL),
    "v40dev": (V40DEV_PRECISION, V40DEV_RECALL),
    "v40test": (V40TEST_PRECISION, V40TEST_RECALL),
    "v41dev": (V41DEV_PRECISION, V41DEV_RECALL),
    "v41test": (V41TEST_PRECISION, V41TEST_RECALL),
    "v42dev": (V42DEV_PRECISION, V42DEV_RECALL),
    "v42test": (V42TEST_PRECISION, V42TEST_RECALL),
    "v43dev": (V43DEV_PRECISION, V43DEV_RECALL),
    "v43test": (V43TEST_PRECISION, V43TEST_RECALL),
    "v44dev": (V44DEV_PRECISION, V44DEV_RECALL),
    "v44test": (V44TEST_PRECISION, V44TEST_RECALL),
}


#: Precision with the values each set's labeller called stand-ins by hand left out of scoring
#: (`detector.eval.stand_ins`; recall does not move: no stand-in carries a label), for the sets
#: scored sealed: v11dev 0.971, v11test 0.947, v12dev 0.900, v12test 0.900 (0.864 and 0.848
#: when v12 was scored sealed), v13dev 0.793, v13test 0.780, v14dev 0.927, v14test 0.902, v15dev
#: 0.832, v15test 0.819 when scored sealed. Since session 15's relabelling only stand-ins without
#: the type's shape are still negatives there, the engine reports none of them, and these equal
#: the plain figures.
STAND_INS_UNSCORED_PRECISION: dict[Split, float] = {
    "v11dev": 0.929,  # session 19: gender codes and password hashes (see V11DEV_PRECISION)
    "v11test": 0.907,
    "v12dev": 0.904,
    "v12test": 0.907,
    "v13dev": 0.794,
    "v13test": 0.773,
    "v14dev": 0.908,
    "v14test": 0.876,
    "v15dev": 0.913,
    "v15test": 0.915,
}


@pytest.mark.parametrize("split", list(UNSEEN_FLOORS))
def test_an_unseen_split_holds_its_floors(engine: DetectionEngine, split: Split) -> None:
    scores, docs, found = evaluate_split(engine, split)
    assert docs
    precision, recall, _ = scores.prf()
    assert precision >= UNSEEN_FLOORS[split][0]
    assert recall >= UNSEEN_FLOORS[split][1]
    if split in STAND_INS_UNSCORED_PRECISION:
        unscored, _, _ = scores_without_stand_ins(docs, found).prf()
        assert unscored >= STAND_INS_UNSCORED_PRECISION[split]


@pytest.mark.parametrize(
    "whole",
    [
        "v2",
        "v3",
        "v4",
        "v5",
        "v6",
        "v7",
        "v8",
        "v9",
        "v10",
        "v11",
        "v12",
        "v13",
        "v14",
        "v15",
        "v16",
        "v17",
        "v18",
        "v19",
        "v20",
        "v21",
        "v22",
        "v23",
        "v24",
        "v25",
        "v26",
        "v27",
    ],
)
def test_every_unseen_set_has_at_least_300_documents(whole: Split) -> None:
    assert len(load(whole)) >= 300


def test_the_table_prints_no_score_where_nothing_was_to_find_or_found() -> None:
    scores = Scores()
    scores.add({("$.a", "email"), ("$.b", "phone")}, {("$.a", "email"), ("$.c", "iban")})
    rows = {line.split(" | ")[0].strip("| "): line for line in table({"x": scores}).splitlines()}
    assert rows["email"].endswith("| 1.000 | 1.000 | 1.000 | 1 |")
    assert rows["phone"].endswith("| 0.000 | n/a | 0.000 | 0 |")  # a false alarm, nothing to find
    assert rows["iban"].endswith("| n/a | 0.000 | 0.000 | 1 |")  # missed, nothing reported
    assert rows["jwt"].endswith("| n/a | n/a | n/a | 0 |")
