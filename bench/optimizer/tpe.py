"""Optuna's TPE for the optimizer benchmark, over JSON lines on stdin/stdout.

One request per line, one answer per line, studies kept by id:
  {"op": "new", "id": 1, "seed": 7, "providers": ["leonardo", "stablediffusion"]} -> {}
  {"op": "ask", "id": 1}  -> {"trial": 0, "provider": "...", "u": [u0, u1, u2]}
  {"op": "tell", "id": 1, "trial": 0, "value": 3} -> {}
  {"op": "best", "id": 1} -> {"provider": "...", "u": [...]}   (Optuna's best trial)
  {"op": "drop", "id": 1} -> {}
The three settings are asked on [0, 1] (the benchmark maps them to the real ranges), with
Optuna's default TPESampler apart from the seed.
"""
import json
import sys

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
studies = {}
trials = {}
NAMES = ("init_strength", "guidance_scale", "controlnet_weight")


def params_of(params):
    return {"provider": params["provider"], "u": [params[name] for name in NAMES]}


def handle(request):
    op, key = request["op"], request["id"]
    if op == "new":
        sampler = optuna.samplers.TPESampler(seed=request["seed"])
        studies[key] = (optuna.create_study(direction="maximize", sampler=sampler), request["providers"])
        return {}
    if op == "ask":
        study, providers = studies[key]
        trial = study.ask()
        trial.suggest_categorical("provider", providers)
        for name in NAMES:
            trial.suggest_float(name, 0.0, 1.0)
        trials[(key, trial.number)] = trial
        return {"trial": trial.number, **params_of(trial.params)}
    if op == "tell":
        study, _ = studies[key]
        study.tell(trials.pop((key, request["trial"])), request["value"])
        return {}
    if op == "best":
        return params_of(studies[key][0].best_trial.params)
    if op == "drop":
        studies.pop(key, None)
        return {}
    raise ValueError(f"unknown op {op!r}")


for line in sys.stdin:
    try:
        answer = handle(json.loads(line))
    except Exception as error:  # the benchmark reports it and stops
        answer = {"error": repr(error)}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
