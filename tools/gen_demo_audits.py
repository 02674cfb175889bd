#!/usr/bin/env python3
"""Generate the demo audits of the six pilot communes in `communes/`.

The communes are real (identity data from Statbel, see each `commune.yaml`); the audits are
fictional but plausible. This script reads `content/methodology.yaml` and writes
`communes/<slug>/audits/<YYYY-MM>.yaml` from per-commune profiles:

* a base maturity per journey step × angle, plus a small deterministic per-criterion variation
  (a hash of commune, audit and criterion id: the same input always gives the same files);
* overrides where the profile states a fact (a score, and often a hand-written evidence);
* evidence templates written per criterion and per level, filled with the commune's context;
* a hand-written data inventory, action plan and indicators per audit.

Real data used (see /work/shared/data/real/README.md): SNCB weekday boardings of October 2023 and
station facilities (iRail, CC0), the OpenStreetMap extract of Arlon of 7 January 2018 (ODbL), the
10-record samples of the Liège and Namur parking open-data portals.

Usage: python3 tools/gen_demo_audits.py [--check]   (--check: validate, write nothing)
Needs PyYAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
METHODOLOGY = ROOT / "content" / "methodology.yaml"
COMMUNES_DIR = ROOT / "communes"

STEPS = ["s-informer", "commander", "se-deplacer", "stationner", "acheter", "retirer", "revenir"]
ANGLES = ["rh", "technologies", "rgpd", "valorisation", "couts-benefices"]

FOOTFALL_SOURCE = "SNCB, embarquements moyens en semaine, octobre 2023 (iRail, CC0)"
IRAIL_CITATION = (
    "SNCB, embarquements moyens par jour, octobre 2023 — fichier stations/embarkments du dépôt "
    "iRail/stations (CC0)"
)
OSM_CITATION = "© OpenStreetMap contributors, ODbL — extrait du 7 janvier 2018"

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]


# --------------------------------------------------------------------------------------------
# Commune contexts: words the evidence templates use.
# --------------------------------------------------------------------------------------------

CONTEXT = {
    "liege": dict(
        de_centre="de l'hypercentre", a_assoc="aux associations de commerçants",
        commune="Liège", de_commune="de Liège", a_commune="à Liège",
        centre="l'hypercentre", centre_long="l'hypercentre (Pont d'Avroy, Vinâve d'Île, rue de la Cathédrale)",
        station="la gare de Liège-Guillemins", footfall="21 313",
        svc="le service Commerce", Svc="Le service Commerce", du_svc="du service Commerce",
        gcv="la gestion centre-ville", Gcv="La gestion centre-ville", de_gcv="de la gestion centre-ville",
        assoc="les associations de commerçants", Assoc="Les associations de commerçants",
        des_assoc="des associations de commerçants",
        ic="la SPI", IC="La SPI", de_ic="de la SPI", a_ic="à la SPI",
        portail="liege.be", cem="la cellule mobilité", Cem="La cellule mobilité",
        dpo="le DPO de la Ville",
    ),
    "namur": dict(
        de_centre="de la corbeille", a_assoc="à l'association des commerçants",
        commune="Namur", de_commune="de Namur", a_commune="à Namur",
        centre="la corbeille", centre_long="la corbeille (rue de Fer, rue de l'Ange, place d'Armes)",
        station="la gare de Namur", footfall="21 590",
        svc="le service Commerce", Svc="Le service Commerce", du_svc="du service Commerce",
        gcv="la gestion centre-ville", Gcv="La gestion centre-ville", de_gcv="de la gestion centre-ville",
        assoc="l'association des commerçants", Assoc="L'association des commerçants",
        des_assoc="de l'association des commerçants",
        ic="le BEP", IC="Le BEP", de_ic="du BEP", a_ic="au BEP",
        portail="namur.be", cem="le service Mobilité", Cem="Le service Mobilité",
        dpo="le DPO de la Ville",
    ),
    "tournai": dict(
        de_centre="du centre historique", a_assoc="à l'association des commerçants",
        commune="Tournai", de_commune="de Tournai", a_commune="à Tournai",
        centre="le centre historique", centre_long="le centre historique (Grand-Place, rue Royale, rue de la Cordonnerie)",
        station="la gare de Tournai", footfall="6 428",
        svc="le service Commerce", Svc="Le service Commerce", du_svc="du service Commerce",
        gcv="la gestion centre-ville", Gcv="La gestion centre-ville", de_gcv="de la gestion centre-ville",
        assoc="l'association des commerçants", Assoc="L'association des commerçants",
        des_assoc="de l'association des commerçants",
        ic="IDETA", IC="IDETA", de_ic="d'IDETA", a_ic="à IDETA",
        portail="tournai.be", cem="le conseiller en mobilité", Cem="Le conseiller en mobilité",
        dpo="le DPO de la Ville",
    ),
    "arlon": dict(
        de_centre="du centre-ville", a_assoc="à l'association des commerçants",
        commune="Arlon", de_commune="d'Arlon", a_commune="à Arlon",
        centre="le centre-ville", centre_long="le centre-ville (Grand-Rue, rue des Faubourgs, place Léopold)",
        station="la gare d'Arlon", footfall="5 294",
        svc="l'ADL", Svc="L'ADL", du_svc="de l'ADL",
        gcv="l'ADL", Gcv="L'ADL", de_gcv="de l'ADL",
        assoc="l'association des commerçants", Assoc="L'association des commerçants",
        des_assoc="de l'association des commerçants",
        ic="IDELUX", IC="IDELUX", de_ic="d'IDELUX", a_ic="à IDELUX",
        portail="arlon.be", cem="le conseiller en mobilité", Cem="Le conseiller en mobilité",
        dpo="le DPO de la Ville",
    ),
    "ciney": dict(
        de_centre="du centre", a_assoc="à l'association des commerçants",
        commune="Ciney", de_commune="de Ciney", a_commune="à Ciney",
        centre="le centre", centre_long="le centre (place Monseu, rue du Centre)",
        station="la gare de Ciney", footfall="2 137",
        svc="l'ADL", Svc="L'ADL", du_svc="de l'ADL",
        gcv="l'ADL", Gcv="L'ADL", de_gcv="de l'ADL",
        assoc="l'association des commerçants", Assoc="L'association des commerçants",
        des_assoc="de l'association des commerçants",
        ic="le BEP", IC="Le BEP", de_ic="du BEP", a_ic="au BEP",
        portail="ciney.be", cem="la conseillère en mobilité", Cem="La conseillère en mobilité",
        dpo="le DPO (partagé avec le CPAS)",
    ),
    "thuin": dict(
        de_centre="de la ville haute et de la ville basse", a_assoc="à l'association des commerçants",
        commune="Thuin", de_commune="de Thuin", a_commune="à Thuin",
        centre="la ville haute et la ville basse", centre_long="la ville haute (Grand-Rue, place du Chapitre) et la ville basse",
        station="la gare de Thuin", footfall="271",
        svc="l'agent de développement local", Svc="L'agent de développement local",
        du_svc="de l'agent de développement local",
        gcv="l'agent de développement local", Gcv="L'agent de développement local",
        de_gcv="de l'agent de développement local",
        assoc="l'association des commerçants", Assoc="L'association des commerçants",
        des_assoc="de l'association des commerçants",
        ic="IGRETEC", IC="IGRETEC", de_ic="d'IGRETEC", a_ic="à IGRETEC",
        portail="thuin.be", echevin="l'échevine", cem="le conseiller en mobilité (mi-temps)", Cem="Le conseiller en mobilité (mi-temps)",
        dpo="le DPO (mission partagée avec d'autres communes)",
    ),
}


# --------------------------------------------------------------------------------------------
# Evidence templates: one per criterion and level (0..4), plus `inconnu` (who could know) and,
# where it can apply, `na`. Placeholders come from CONTEXT and from the audit date
# ({jour} = a test day of the audit month, {mois}, {annee}, {annee_1} = previous year).
# --------------------------------------------------------------------------------------------

T = {
    # ---------------------------------------------------------------- S'informer en ligne
    "s-informer.referent-numerique": {
        0: "Aucun agent n'a la mise à jour de l'information en ligne sur les commerces dans ses tâches ; la page commerce du portail {portail} n'a pas été modifiée depuis plus d'un an.",
        1: "{Svc} corrige les fiches du site quand un commerçant le signale, sans temps prévu ; douze demandes traitées en {annee_1}, aucune vérification d'initiative.",
        2: "Une agente {du_svc} est désignée pour l'annuaire et la page commerce, sans temps réservé ; deux campagnes de mise à jour en {annee_1}.",
        3: "Une agente {de_gcv} consacre une demi-journée par semaine à l'information en ligne et suit une procédure écrite (relance annuelle de chaque commerçant).",
        4: "Le rôle figure dans la fiche de fonction d'une agente {de_gcv}, avec un remplaçant ; objectif {annee_1} atteint : 92 % des fiches vérifiées dans l'année.",
        "inconnu": "Personne n'a pu dire qui met à jour les pages commerce du portail depuis le départ de l'agent qui s'en chargeait ; à demander au service communication.",
    },
    "s-informer.annuaire-en-ligne": {
        0: "Le portail {portail} ne présente aucune liste des commerces ; les chalands sont renvoyés vers la page Facebook {des_assoc}.",
        1: "Une liste PDF des commerces est en ligne sur {portail}, établie il y a plus de deux ans, sans horaires ni liens ; test du {jour} : un commerce sur cinq de la liste a fermé.",
        2: "L'annuaire du portail {portail} couvre environ 60 % des commerces {de_centre}, avec adresse et téléphone, mais sans horaires ni recherche par catégorie (test du {jour} sur téléphone).",
        3: "L'annuaire en ligne couvre plus de 80 % des commerces actifs {de_centre}, avec catégories, horaires et carte ; il s'affiche correctement sur téléphone (test du {jour}).",
        4: "Annuaire complet, rapproché chaque année de la BCE et d'un relevé de terrain ; les commerçants corrigent eux-mêmes leur fiche et le fichier est publié en données ouvertes.",
        "inconnu": "La part des commerces présents dans l'annuaire n'a pas pu être mesurée : aucun relevé récent des commerces actifs ne permet la comparaison.",
    },
    "s-informer.presence-cartes": {
        0: "La commune n'a jamais vérifié comment ses commerces apparaissent sur Google ou OpenStreetMap.",
        1: "Sondage du {jour} sur 20 commerces {de_centre} : 7 fiches correctes avec horaires, 5 absentes d'OpenStreetMap, 2 signalées à tort comme fermées sur Google.",
        2: "Sondage du {jour} sur 30 commerces {de_centre} : 16 ont une fiche correcte, horaires compris, sur au moins une carte en ligne ; OpenStreetMap est le moins complet.",
        3: "Contrôle du {jour} sur 40 commerces : 34 fiches correctes avec horaires sur Google et sur OpenStreetMap ; les erreurs relevées sont transmises et corrigées.",
        4: "Campagne annuelle avec les commerçants, horaires des jours fériés compris ; les écarts sont suivis dans un tableau partagé.",
        "inconnu": "Aucun contrôle des fiches en ligne n'a pu être mené pendant l'audit ; à faire avec {assoc}.",
    },
    "s-informer.mesure-audience-conforme": {
        0: "Personne ne sait quels traceurs sont présents sur {portail} ; le prestataire web n'a pas répondu à la question.",
        1: "Test du {jour} : les cookies de mesure d'audience se déposent avant tout choix dans le bandeau, et la politique de confidentialité ne les mentionne pas.",
        2: "Les traceurs attendent le consentement et une politique de confidentialité existe, mais la mesure d'audience n'est pas inscrite au registre des traitements.",
        3: "Mesure d'audience inscrite au registre, conservation fixée à 13 mois, contrat de sous-traitance signé avec un outil hébergé dans l'Union européenne.",
        4: "Mesure d'audience sans cookie, adresses IP tronquées, revue annuelle avec {dpo} et page de confidentialité à jour.",
        "inconnu": "Le portail est géré par un prestataire externe et personne n'a pu dire quel outil de mesure il utilise ; question transmise {a_dpo}.",
    },
    "s-informer.analyse-audience": {
        0: "Les statistiques du portail sont chez le prestataire web ; personne à la commune n'y a accès.",
        1: "Le service communication consulte les statistiques du portail {portail} de temps en temps, sans rapport écrit ni lien avec le commerce.",
        2: "Un rapport annuel d'audience existe (pages commerce les plus vues, recherches), mais il n'a conduit à aucune décision.",
        3: "Un rapport trimestriel d'audience des pages commerce est transmis à {gcv} et {a_assoc} ; il a conduit à refondre la page « Où faire ses courses ».",
        4: "Les indicateurs d'audience figurent dans le tableau de bord du centre-ville, rapprochés de la fréquentation et des événements.",
        "inconnu": "On ignore si les statistiques du portail sont encore collectées depuis la refonte du site ; à vérifier avec le prestataire.",
    },
    "s-informer.donnees-ouvertes-commerces": {
        0: "Aucune donnée sur les commerces n'est publiée dans un format réutilisable.",
        1: "Les commerces ne sont décrits que dans des pages web et un PDF ; rien n'est réutilisable tel quel.",
        2: "Un fichier CSV des commerces a été publié une fois, sans licence indiquée ni mise à jour prévue.",
        3: "Le jeu de données des commerces est publié sur le portail de données ouvertes avec une licence ouverte et une mise à jour annuelle.",
        4: "Le jeu de données est alimenté automatiquement par l'annuaire, suit un modèle partagé entre communes et est repris par des tiers.",
        "inconnu": "On ne sait pas si le fichier des commerces transmis à la maison du tourisme a été publié par celle-ci.",
    },
    "s-informer.couts-visibilite": {
        0: "Ni le coût de la page commerce et de l'annuaire ni leurs effets ne sont connus.",
        1: "Les factures du prestataire web sont en comptabilité, sans distinction de la partie commerce ; aucun effet n'est mesuré.",
        2: "Le coût annuel de l'information sur le commerce est estimé (abonnement, prestataire, temps d'agent), mais ses effets ne sont pas mesurés.",
        3: "Coûts et effets (visites des pages commerce, clics vers les boutiques) sont suivis chaque année.",
        4: "Le coût par visite et par contact est calculé et compare les canaux (portail, réseaux sociaux, presse).",
        "inconnu": "Personne n'a pu isoler ce que coûte l'information en ligne sur le commerce : les dépenses sont réparties entre trois articles budgétaires.",
    },

    # ---------------------------------------------------------------- Choisir et commander
    "commander.accompagnement-commercants": {
        0: "Aucun accompagnement à la vente en ligne n'est proposé ni relayé aux commerçants.",
        1: "{Svc} relaie parfois par courriel les formations de l'UCM ou de Digital Wallonia, sans savoir qui y participe.",
        2: "Deux ateliers « vendre en ligne » ont été organisés en {annee_1} avec {ic} ; 14 commerçants y ont participé.",
        3: "Un programme annuel d'accompagnement avec {ic} et l'UCM, suivi par une personne de contact {de_gcv}, a touché environ un tiers des commerçants {de_centre}.",
        4: "L'accompagnement est construit à partir du diagnostic numérique ; chaque commerçant est suivi et les passages à la vente en ligne sont comptés.",
        "inconnu": "On ne sait pas combien de commerçants ont suivi les formations régionales : les organisateurs ne transmettent pas de chiffres par commune.",
    },
    "commander.vente-en-ligne": {
        0: "Presque aucun commerce {de_centre} ne permet de commander ou de réserver en ligne, et il n'existe pas de plateforme locale.",
        1: "Quelques commerces vendent en ligne par leurs propres moyens (boutiques en ligne, réseaux sociaux), mais rien ne permet au chaland de les repérer.",
        2: "Environ un quart des commerces propose la commande ou la réservation en ligne, et l'annuaire le signale par un pictogramme.",
        3: "Une plateforme locale permet de commander auprès de la majorité des commerces volontaires, avec paiement en ligne et retrait en magasin.",
        4: "La commande en ligne locale est reliée au portail, aux consignes et aux chèques commerce ; son usage est suivi chaque mois.",
        "inconnu": "Aucun relevé ne dit quels commerces vendent en ligne ; le diagnostic numérique prévu devra le mesurer.",
    },
    "commander.maturite-numerique": {
        0: "La commune ne dispose d'aucune information sur les usages numériques de ses commerçants.",
        1: "Seules des impressions sont disponibles (« beaucoup n'ont qu'une page Facebook »), sans aucune donnée structurée.",
        2: "Une enquête sur les usages numériques existe, mais elle date de plus de trois ans et n'a reçu qu'une quarantaine de réponses.",
        3: "Un diagnostic numérique mené avec {ic} couvre la majorité des commerces {de_centre} ; les résultats ont été présentés aux commerçants.",
        4: "Le diagnostic est refait tous les deux ans et ses indicateurs (part des commerces vendant en ligne, fiches à jour) orientent l'accompagnement.",
        "inconnu": "{IC} a mené une enquête sur le numérique, mais la commune n'a pas reçu les résultats pour son territoire.",
    },
    "commander.plateforme-conforme": {
        0: "La plateforme de commande locale fonctionne, mais personne ne sait qui est responsable des données des clients.",
        1: "La plateforme lancée par {assoc} fonctionne sans contrat écrit avec le prestataire ni politique de confidentialité propre.",
        2: "La plateforme publie une politique de confidentialité, mais le contrat de sous-traitance avec le prestataire n'est pas signé et les durées de conservation ne sont pas fixées.",
        3: "Les rôles de la commune, {des_assoc} et du prestataire sont écrits, le contrat de sous-traitance est signé et le traitement est inscrit au registre.",
        4: "Données limitées au nécessaire (retrait sans compte), droits traités dans le mois, contrôle annuel avec {dpo}.",
        "inconnu": "On ignore qui est responsable des données de la plateforme {des_assoc} ; le contrat n'a pas été retrouvé.",
        "na": "Ni la commune ni un partenaire qu'elle soutient n'exploite de plateforme de commande locale ; les commerçants utilisent leurs propres solutions.",
    },
    "commander.analyse-demande": {
        0: "Aucune donnée sur la demande en ligne n'est recueillie ni consultée.",
        1: "Des chiffres bruts existent (recherches dans l'annuaire, commandes sur les boutiques en ligne), mais personne ne les exploite.",
        2: "Un bilan annuel des recherches et des commandes est produit pour la commune, sans être partagé avec les commerçants.",
        3: "Un rapport agrégé des recherches sans résultat et des catégories demandées est partagé deux fois par an avec les commerçants.",
        4: "Les analyses de la demande ont orienté la prospection de deux enseignes manquantes ; leurs effets sont suivis.",
        "inconnu": "Personne n'a pu dire si le moteur de recherche de l'annuaire enregistre les recherches ; question posée au prestataire.",
    },
    "commander.rentabilite-plateforme": {
        0: "Ni le coût ni le chiffre d'affaires apporté par la vente en ligne locale ne sont connus.",
        1: "Le coût des ateliers d'accompagnement est connu, mais aucune donnée de vente n'est recueillie.",
        2: "Le coût total et le nombre de commandes sont connus, sans rapport avec le chiffre d'affaires ni le nombre de commerçants actifs.",
        3: "Le coût par commerçant actif et le chiffre d'affaires apporté sont calculés chaque année.",
        4: "Le bilan annuel compare le coût de la plateforme au chiffre d'affaires apporté et aux autres options.",
        "inconnu": "Le coût de la plateforme est porté par {assoc}, qui n'a pas communiqué ses chiffres.",
        "na": "Aucune vente en ligne locale n'est soutenue par la commune ; il n'y a ni coût ni recette à mesurer.",
    },

    # ---------------------------------------------------------------- Se déplacer
    "se-deplacer.conseiller-mobilite": {
        0: "Aucun agent n'est chargé de l'accès au centre commerçant.",
        1: "{Cem} existe mais n'a jamais travaillé avec {svc} ni avec les commerçants.",
        2: "{Cem} est consulté{cem_e} sur certains projets (réaménagement de voirie, marché), sans rencontre régulière avec le TEC, la SNCB ou les commerçants.",
        3: "{Cem} et {svc} se réunissent deux fois par an avec les commerçants et, selon les sujets, le TEC et la SNCB ; comptes rendus disponibles.",
        4: "Un plan commun commerce-mobilité fixe des objectifs de part modale des chalands, suivis chaque année.",
        "inconnu": "Le poste de conseiller en mobilité est vacant depuis plusieurs mois ; personne n'a pu décrire le travail mené avec le commerce.",
    },
    "se-deplacer.info-multimodale": {
        0: "La commune ne propose aucune information sur l'accès au centre.",
        1: "Le portail renvoie vers les sites du TEC et de la SNCB, sans information propre au centre commerçant ni temps de marche depuis {station}.",
        2: "Une page « Venir au centre » donne les lignes de bus et les parkings principaux, mais elle ne parle ni du vélo ni de la marche depuis {station}.",
        3: "Une page à jour et une carte présentent tous les modes (bus, train, temps de marche depuis {station}, parkings voitures et vélos) et sont reprises aux arrêts.",
        4: "L'information d'accès est alimentée par les données ouvertes de transport et de stationnement et reprise dans l'application et sur les fiches des commerces.",
        "inconnu": "On ne sait pas si la page d'accès du site de l'office du tourisme est tenue à jour, ni par qui.",
    },
    "se-deplacer.perturbations": {
        0: "Les chantiers ne sont pas annoncés aux chalands ; les commerçants l'apprennent au premier jour des travaux.",
        1: "Les grands chantiers sont annoncés par courrier aux riverains et par affichage, sans information en ligne.",
        2: "Les chantiers sont publiés sur {portail}, mais ni les déviations de bus ni l'accès aux commerces pendant les travaux.",
        3: "Chantiers et déviations sont publiés au moins deux semaines à l'avance, avec l'itinéraire d'accès aux commerces ; les commerçants concernés sont prévenus directement.",
        4: "L'information est coordonnée avec PoWalCo et le TEC, publiée sur une carte en ligne et par alertes ; l'effet des chantiers sur la fréquentation est suivi.",
        "inconnu": "Le service travaux n'a pas pu dire comment les déviations du TEC sont relayées ; à vérifier avec l'opérateur.",
    },
    "se-deplacer.cadre-donnees-flux": {
        0: "Une étude de flux a été commandée sans consulter {dpo}.",
        1: "{dpo_cap} a été informé de l'étude de flux prévue, mais ni la nature des données ni la base légale n'ont été vérifiées par écrit.",
        2: "La nature agrégée des données et la base légale sont vérifiées, mais le contrat ne fixe pas de seuil minimal d'agrégation.",
        3: "Étude de flux inscrite au registre, nécessité d'une AIPD évaluée par écrit, contrat imposant des données agrégées (seuil de 30 personnes) et interdisant toute ré-identification.",
        4: "Le dispositif est revu chaque année avec {dpo} et une note publique explique la démarche aux citoyens.",
        "inconnu": "On ignore si l'étude de fréquentation réalisée par un partenaire s'appuie sur des données d'opérateurs mobiles.",
        "na": "La commune n'utilise ni n'envisage de données de flux de tiers (opérateurs mobiles, paiements) ; le critère ne s'applique pas à ce stade.",
    },
    "se-deplacer.connaissance-flux": {
        0: "La commune ne dispose d'aucune donnée sur la provenance ni sur les modes d'accès des chalands.",
        1: "Des données existent (embarquements en gare, comptages routiers du SPW), mais elles n'ont jamais été rassemblées ni croisées.",
        2: "Une enquête de provenance des chalands existe, mais elle a plus de trois ans et n'a conduit à aucune décision.",
        3: "La provenance et les modes d'accès des chalands sont connus par des sources récentes et croisées, et ont servi à une décision.",
        4: "Les flux sont suivis chaque année, comparés avant et après chaque aménagement et partagés avec les commerçants et {ic}.",
        "inconnu": "Personne n'a pu dire si l'enquête de mobilité du plan communal de mobilité interrogeait les chalands du centre.",
    },
    "se-deplacer.liaison-gare-commerces": {
        0: "Les liaisons entre {station}, les arrêts de bus et les commerces n'ont jamais été étudiées.",
        1: "Les difficultés du trajet entre {station} et {centre} ne sont connues que par des remarques de commerçants, sans relevé.",
        2: "Un relevé des cheminements entre {station} et {centre} (trottoirs, traversées, parkings vélos) existe, mais n'a pas encore conduit à des aménagements.",
        3: "Le relevé a conduit à une signalétique avec temps de marche et à des arceaux vélos sur le trajet entre {station} et {centre}.",
        4: "Les trajets sont suivis par des comptages avant et après aménagement, et les cheminements sont publiés dans OpenStreetMap.",
        "inconnu": "On ne sait pas si le relevé d'accessibilité réalisé pour le plan de mobilité couvre le trajet vers les commerces.",
    },
    "se-deplacer.couts-accessibilite": {
        0: "Ni le coût ni l'effet des mesures d'accès au centre ne sont connus.",
        1: "Les dépenses d'accès au centre (navettes, aménagements) figurent au budget, sans lien avec le commerce ni mesure d'effet.",
        2: "Le coût des mesures d'accès au centre est isolé, mais leur effet n'est pas mesuré.",
        3: "Pour chaque mesure importante, le coût et un indicateur d'effet (usagers de la navette, occupation des arceaux) sont suivis.",
        4: "Les mesures d'accès sont comparées par coût par usager supplémentaire ; ce bilan oriente le budget suivant.",
        "inconnu": "Les dépenses d'accès au centre sont dispersées entre travaux, mobilité et subsides ; le service des finances n'a pas pu les isoler.",
    },

    # ---------------------------------------------------------------- Stationner
    "stationner.gestion-coordonnee": {
        0: "Personne ne coordonne le stationnement : chaque service agit seul.",
        1: "Le service des redevances gère le contrôle du stationnement, sans aucune concertation avec le commerce.",
        2: "Un responsable du stationnement est identifié et rencontre les commerçants lorsqu'un problème survient (travaux, plaintes).",
        3: "Un responsable coordonne l'exploitant, la police, la mobilité et le commerce ; une concertation annuelle avec les commerçants a eu lieu en {annee_1}.",
        4: "La politique de stationnement est revue chaque année sur la base des données d'occupation, avec les commerçants et l'exploitant.",
        "inconnu": "On ne sait pas qui, à la commune, suit le contrat avec l'exploitant du parking ; le dossier est partagé entre trois services.",
    },
    "stationner.info-temps-reel": {
        0: "Aucune information sur les places disponibles n'est publiée, ni sur place ni en ligne.",
        1: "Seule la capacité des parkings est publiée sur {portail}, sans les places libres.",
        2: "Les places libres des parkings à barrières sont affichées sur des panneaux dynamiques en ville, mais pas en ligne.",
        3: "Les places libres des principaux parkings sont affichées aux entrées de ville et publiées en ligne en temps réel.",
        4: "Les places libres sont publiées en flux ouvert, reprises par les applications de navigation, avec prévisions d'occupation.",
        "inconnu": "On ignore si les compteurs d'entrées du parking concédé permettent de publier les places libres ; question posée à l'exploitant.",
    },
    "stationner.inventaire-places": {
        0: "Il n'existe aucun inventaire du stationnement.",
        1: "Un tableur liste les parkings et leur capacité, sans localisation ni places PMR ni bornes de recharge.",
        2: "Les parkings et les zones réglementées sont cartographiés, mais pas les arceaux vélos ni les bornes de recharge.",
        3: "Un inventaire géolocalisé dans le SIG communal couvre parkings, zones, places PMR et bornes, mis à jour à chaque modification.",
        4: "L'inventaire complet est publié en données ouvertes et repris dans OpenStreetMap.",
        "inconnu": "Le service travaux dispose peut-être d'un relevé des places PMR, mais personne n'a pu le retrouver.",
    },
    "stationner.traitements-conformes": {
        0: "La commune ne sait pas quelles données personnelles sont traitées pour le stationnement, ni par qui.",
        1: "Les traitements du stationnement (contrôle, cartes riverains, paiement mobile) sont connus, mais ni le registre ni les contrats ne les décrivent.",
        2: "Les traitements du stationnement figurent au registre, mais le contrat de sous-traitance avec l'exploitant ne fixe pas de durée de conservation.",
        3: "Chaque traitement du stationnement a une base légale écrite, une durée de conservation et un contrat de sous-traitance signé ; l'information est affichée sur les horodateurs.",
        4: "En plus, une AIPD couvre la lecture des plaques et le dispositif est contrôlé chaque année avec {dpo}.",
        "inconnu": "Personne n'a pu dire quelles données traite l'opérateur de paiement mobile ni si un contrat a été signé ; question transmise {a_dpo}.",
    },
    "stationner.analyse-occupation": {
        0: "L'occupation des places n'est ni mesurée ni estimée.",
        1: "L'occupation n'est connue que par l'observation des agents et les plaintes, sans chiffres.",
        2: "Une enquête d'occupation existe, mais elle a plus de trois ans et n'a pas été analysée au regard du commerce.",
        3: "L'occupation et la rotation sont relevées chaque année (un mardi et un samedi) et ont conduit à ajuster les durées de la zone bleue.",
        4: "L'occupation des principaux parkings est suivie en continu et croisée avec la fréquentation des commerces.",
        "inconnu": "L'exploitant compte les entrées et sorties, mais la commune ne sait pas si ces chiffres sont conservés.",
    },
    "stationner.donnees-ouvertes": {
        0: "Aucune donnée de stationnement n'est publiée dans un format réutilisable.",
        1: "Le stationnement n'est décrit que par une page web et un plan PDF.",
        2: "Un fichier des places PMR a été publié, sans mise à jour régulière.",
        3: "Parkings et places PMR sont publiés sur le portail de données ouvertes, sous licence ouverte, avec mise à jour au moins annuelle.",
        4: "Un flux de places libres en temps réel complète les données ouvertes et est repris par les applications de navigation.",
        "inconnu": "On ne sait pas si le fichier des parkings transmis à la Région a été publié.",
    },
    "stationner.bilan-stationnement": {
        0: "{Svc} ne connaît ni les recettes ni les coûts du stationnement.",
        1: "Les recettes du stationnement sont connues, mais pas les coûts d'exploitation et de contrôle.",
        2: "Recettes et coûts du stationnement sont connus, mais leurs effets sur le commerce ne sont pas étudiés.",
        3: "Un bilan annuel présente recettes, coûts, rotation et fréquentation ; il est présenté au collège.",
        4: "Le bilan compare plusieurs scénarios tarifaires avec leurs effets mesurés et guide les décisions du conseil.",
        "inconnu": "Les recettes de la concession sont connues du service des finances, mais celui-ci n'a pas pu les communiquer pendant l'audit.",
        "na": "Le stationnement est gratuit dans toute la commune (zone bleue seulement) : il n'y a ni recette ni concession à analyser.",
    },

    # ---------------------------------------------------------------- Acheter en boutique
    "acheter.gestion-centre-ville": {
        0: "Personne n'est chargé du commerce de centre-ville.",
        1: "Le commerce est suivi par {echevin} et par un agent administratif parmi d'autres tâches, sans temps dédié.",
        2: "{Gcv} consacre une partie de son temps au centre (environ un mi-temps), sans plan d'action écrit.",
        3: "{Gcv} dispose d'un agent à temps plein et d'un plan d'action annuel établi avec les commerçants.",
        4: "{Gcv}, structure dédiée membre du réseau AMCV, dispose de moyens pluriannuels, suit des indicateurs et rend compte chaque année au conseil.",
        "inconnu": "Le partage des tâches entre l'ADL et le service commerce n'a pas pu être établi.",
    },
    "acheter.competences-donnees": {
        0: "Aucun agent n'exploite de données sur le commerce et aucun appui n'est demandé.",
        1: "Un agent réalise des tableaux simples à la demande de {echevin}, sans formation ni méthode.",
        2: "Une agente formée au tableur et aux cartes en ligne produit des analyses ponctuelles ; l'appui {de_ic} est demandé au cas par cas.",
        3: "Les agents du commerce et de la mobilité sont formés, disposent du SIG et d'un appui convenu avec {ic}.",
        4: "Un agent référent pour les données, une formation continue et une convention d'appui avec {ic} organisent la production d'analyses selon un calendrier.",
        "inconnu": "On ne sait pas quelles compétences en données existent dans les services hors commerce.",
    },
    "acheter.mesure-frequentation": {
        0: "La fréquentation des rues commerçantes n'est pas mesurée.",
        1: "Un comptage manuel des passants a été fait une fois, lors de la braderie ; il n'a pas été répété.",
        2: "Des comptages réguliers existent en deux points {de_centre}, avec des interruptions.",
        3: "Des compteurs automatiques couvrent en continu les principales rues {de_centre}.",
        4: "La mesure continue couvre les entrées du centre, est comparée à des villes semblables et est disponible presque en temps réel.",
        "inconnu": "On ne sait pas si le compteur installé lors du réaménagement fonctionne encore ni qui en reçoit les données.",
    },
    "acheter.wifi-public": {
        0: "Aucun Wi-Fi public n'est disponible dans le centre commerçant.",
        1: "Quelques bornes WiFi4EU existent (maison communale, bibliothèque), mais elles ne couvrent pas les rues commerçantes.",
        2: "Le Wi-Fi public couvre les principales places {de_centre}, mais sa page d'accueil ne renvoie ni aux commerces ni à l'agenda.",
        3: "Le Wi-Fi couvre les rues commerçantes de manière fiable et sa page d'accueil renvoie vers l'annuaire et l'agenda.",
        4: "Le Wi-Fi est maintenu sous contrat, sa disponibilité et son usage agrégé sont suivis, et sa page d'accueil est actualisée avec les commerçants.",
        "inconnu": "Le service informatique n'a pas pu dire quelles bornes WiFi4EU sont encore actives.",
    },
    "acheter.capteurs-aipd": {
        0: "Le Wi-Fi public et les compteurs fonctionnent sans aucune analyse RGPD.",
        1: "{dpo_cap} a été consulté oralement sur le Wi-Fi public et les compteurs, mais rien n'est écrit et aucune AIPD n'a été faite.",
        2: "Le Wi-Fi public est inscrit au registre, mais le public n'est pas informé sur place et l'AIPD n'est pas faite.",
        3: "L'AIPD des compteurs est réalisée, les identifiants sont hachés dès la captation et des panneaux informent le public.",
        4: "Seules des statistiques agrégées sont conservées, le fournisseur est lié par un contrat vérifié et l'AIPD est revue à chaque changement.",
        "inconnu": "Personne n'a pu dire si les bornes Wi-Fi enregistrent les adresses MAC des appareils, ni pour combien de temps ; question transmise {a_dpo}.",
        "na": "Aucun dispositif ne capte de signaux des passants dans le centre (pas de Wi-Fi public, pas de compteur, pas de caméra de comptage).",
    },
    "acheter.tableau-bord-commerce": {
        0: "Aucune donnée sur le centre n'est rassemblée.",
        1: "Les données sur le centre existent dans différents services (taxes, mobilité, commerce), sans être rassemblées.",
        2: "Une note annuelle rassemble quelques indicateurs (cellules vides, fréquentation), sans diffusion au-delà du service.",
        3: "Un tableau de bord de six indicateurs est mis à jour chaque trimestre et présenté aux commerçants et au collège.",
        4: "Le tableau de bord est partagé en ligne, relié aux objectifs du plan et comparé à des villes semblables.",
        "inconnu": "On ne sait pas si la note de conjoncture {de_ic} contient des indicateurs propres au centre {de_commune}.",
    },
    "acheter.vacance-commerciale": {
        0: "Il n'existe aucun relevé des cellules vides.",
        1: "Les cellules vides sont connues de mémoire par {echevin} et par {assoc}.",
        2: "Le relevé des immeubles inoccupés du service des taxes existe, mais il n'est pas partagé avec {svc}.",
        3: "Un relevé géolocalisé des cellules vides (adresse, surface, état, contact du propriétaire) est mis à jour chaque année et sert à la prospection.",
        4: "Le relevé des cellules vides est tenu en continu, le taux de vacance figure au tableau de bord et les réoccupations sont comptées.",
        "inconnu": "Personne n'a pu dire si le relevé des cellules vides réalisé par {ic} a été mis à jour depuis sa première édition.",
    },
    "acheter.retombees-mesurees": {
        0: "Aucune retombée des actions menées au centre n'est mesurée.",
        1: "Les retombées des actions menées au centre ne sont appréciées que d'après les impressions des commerçants.",
        2: "La fréquentation est suivie, mais sans lien avec le coût des actions.",
        3: "Pour les principales actions, un indicateur de retombée est suivi et rapporté à leur coût.",
        4: "Les retombées sont mesurées par plusieurs sources, comparées à une période de référence et publiées dans le bilan annuel.",
        "inconnu": "Aucune donnée ne permet de dire si les événements de {annee_1} ont eu un effet sur les ventes.",
    },
    "acheter.cout-des-donnees": {
        0: "Le coût des données sur le centre n'est pas connu.",
        1: "Certaines factures (étude, capteurs) sont connues, sans vue d'ensemble du coût des données.",
        2: "Le coût annuel de l'ensemble des données sur le centre est estimé, mais leur usage n'est pas suivi.",
        3: "Le coût de chaque source de données est rapproché de son usage et les sources inutilisées sont repérées.",
        4: "Chaque année, chaque source de données est maintenue, mutualisée ou arrêtée selon son rapport entre coût et usage.",
        "inconnu": "Les dépenses liées aux données sont dispersées entre plusieurs services et n'ont pas pu être chiffrées pendant l'audit.",
    },

    # ---------------------------------------------------------------- Retirer ou se faire livrer
    "retirer.partenariats-logistiques": {
        0: "Personne ne s'occupe du retrait et de la livraison à l'échelle de la commune.",
        1: "La commune répond au cas par cas aux demandes des opérateurs (une demande de consigne en {annee_1}), sans interlocuteur désigné.",
        2: "Un interlocuteur pour la logistique urbaine est désigné ({svc}), mais aucune démarche n'a été engagée vers les opérateurs.",
        3: "L'interlocuteur logistique a rencontré bpost et un service de coursiers ; une consigne a été installée près {de_centre}.",
        4: "Une stratégie écrite du dernier kilomètre est suivie et revue chaque année avec les opérateurs et les commerçants.",
        "inconnu": "On ne sait pas qui a négocié l'implantation des consignes existantes.",
    },
    "retirer.points-collecte": {
        0: "La commune ne connaît pas les points de retrait de son territoire.",
        1: "Des points de retrait existent mais sont éloignés {de_centre} et la commune ne les a pas recensés.",
        2: "Les points de retrait sont recensés et l'un d'eux se trouve dans {centre}, mais aucune consigne n'est accessible en dehors des heures d'ouverture.",
        3: "{centre_cap} dispose de consignes accessibles tous les jours, et les points de retrait figurent sur le portail avec leurs horaires.",
        4: "Les consignes sont ouvertes à plusieurs transporteurs et aux commerçants locaux ; leurs emplacements ont été choisis à partir des données d'usage.",
        "inconnu": "Le recensement des points de retrait n'a pas pu être fait pendant l'audit.",
    },
    "retirer.livraison-locale": {
        0: "Aucune offre de livraison locale n'existe et les commerçants ne livrent pas.",
        1: "Quelques commerçants livrent eux-mêmes leurs clients, de manière informelle.",
        2: "Un service de livraison locale existe, mais peu de commerçants le connaissent ou l'utilisent.",
        3: "Un service de livraison à vélo est proposé à tous les commerçants {de_centre}, avec un tarif connu et une commande simple.",
        4: "La livraison locale est mutualisée, reliée à la vente en ligne locale et assurée à vélo ; son usage est suivi.",
        "inconnu": "On ne sait pas combien de commerçants livrent leurs clients.",
    },
    "retirer.donnees-livraison": {
        0: "La commune soutient un service de livraison sans avoir examiné les données des clients.",
        1: "Les coordonnées des clients à livrer circulent par courriel et par tableur entre commerçants et livreurs, sans règle.",
        2: "Des règles d'accès aux données de livraison existent, mais ni contrat de sous-traitance ni durée de conservation.",
        3: "Le contrat avec le service de livraison fixe les rôles (article 28), limite les données transmises et prévoit leur effacement.",
        4: "Les clients sont informés à la commande, les accès sont tracés et le dispositif est vérifié chaque année avec {dpo}.",
        "inconnu": "On ignore comment le service de livraison soutenu conserve les coordonnées des clients ; le contrat n'a pas été retrouvé.",
        "na": "La commune ne finance ni n'organise aucun service de livraison ou de retrait ; elle ne traite aucune donnée de clients livrés.",
    },
    "retirer.usage-donnees-logistiques": {
        0: "Aucun chiffre de retrait ou de livraison n'est connu.",
        1: "Les opérateurs disposent de volumes de retrait, mais la commune ne les a jamais demandés.",
        2: "bpost a communiqué une fois les volumes agrégés de colis retirés par point, sans exploitation.",
        3: "Les volumes agrégés de retraits et de livraisons sont obtenus chaque année et ont guidé l'emplacement d'une consigne.",
        4: "Les volumes de retraits figurent au tableau de bord du centre et sont partagés avec les commerçants.",
        "inconnu": "Personne ne sait si des volumes de retrait sont disponibles pour la commune, ni auprès de qui les demander.",
    },
    "retirer.cout-livraison": {
        0: "Ni le coût ni l'effet des services de retrait et de livraison ne sont connus.",
        1: "Les dépenses communales pour le retrait et la livraison sont connues, sans information sur l'usage.",
        2: "Le coût du service soutenu et le nombre de livraisons sont connus, sans calcul du coût unitaire.",
        3: "Le coût par livraison et le chiffre d'affaires apporté aux commerçants sont estimés chaque année.",
        4: "Le coût unitaire de la livraison est comparé à d'autres solutions et guide le soutien communal.",
        "inconnu": "Le coût de la convention avec le service de livraison n'a pas pu être retrouvé.",
        "na": "La commune ne soutient aucun service de retrait ou de livraison ; il n'y a pas de coût à suivre.",
    },

    # ---------------------------------------------------------------- Revenir et fidéliser
    "revenir.animation-commerciale": {
        0: "Personne n'organise d'animation ni d'action de fidélisation dans le centre.",
        1: "Quelques événements sont organisés par des bénévoles, sans appui communal régulier.",
        2: "{Gcv} ai{des_assoc} pour deux événements par an (braderie, marché de Noël).",
        3: "{Gcv} coordonne un calendrier annuel d'animations et de fidélisation, avec un temps dédié et {assoc}.",
        4: "Un programme pluriannuel d'animations est construit avec le tourisme, la culture et les commerçants, et chaque action est évaluée.",
        "inconnu": "On ne sait pas qui coordonne le calendrier des événements depuis la réorganisation des services.",
    },
    "revenir.fidelisation": {
        0: "Aucun dispositif local de fidélisation n'existe.",
        1: "Des chèques commerce papier ont été distribués une fois pendant la crise sanitaire, sans suite.",
        2: "Des chèques commerce papier existent, mais moins de la moitié des commerces les acceptent.",
        3: "Les chèques commerce sont acceptés par la majorité des commerces et les chèques émis et remboursés sont suivis.",
        4: "Le chèque commerce est numérique, relié à la vente en ligne locale et aux événements ; son usage agrégé est suivi chaque mois.",
        "inconnu": "On ne sait pas si le système de chèques {des_assoc} est encore actif.",
    },
    "revenir.agenda-evenements": {
        0: "Aucun agenda des événements n'est publié.",
        1: "Les événements sont annoncés au cas par cas sur les réseaux sociaux et par affiches.",
        2: "Un agenda existe sur {portail}, mais ceux de l'office du tourisme et du centre culturel coexistent sans lien.",
        3: "Un agenda unique alimenté par les organisateurs est publié sur le portail et repris par l'office ou la maison du tourisme.",
        4: "L'agenda est publié en données ouvertes, diffusé vers les plateformes régionales et rapproché de la fréquentation.",
        "inconnu": "Personne n'a pu dire qui alimente l'agenda du site de la maison du tourisme.",
    },
    "revenir.fidelite-consentement": {
        0: "Des adresses de clients sont recueillies pour la lettre d'information sans aucune règle.",
        1: "Le formulaire d'inscription à la lettre des commerçants a une case à cocher, mais n'indique ni finalité, ni durée de conservation, ni responsable.",
        2: "Une politique de confidentialité couvre la lettre d'information et les chèques, mais le traitement n'est pas inscrit au registre.",
        3: "Base légale identifiée (consentement pour la lettre, contrat pour les chèques), données limitées, désinscription en un clic, traitement inscrit au registre.",
        4: "Consentements prouvables, effacement automatique des inactifs, contrat avec le prestataire et contrôle annuel avec {dpo}.",
        "inconnu": "On ne sait pas comment {assoc} gère le fichier des clients inscrits à sa lettre d'information.",
    },
    "revenir.enquetes-conformes": {
        0: "Des enquêtes sont menées sans aucune attention aux données personnelles.",
        1: "Le dernier questionnaire aux chalands demandait nom et courriel pour un tirage au sort, sans dire combien de temps ils seraient gardés.",
        2: "Les répondants sont informés, mais les réponses restent liées aux adresses électroniques dans l'outil d'enquête.",
        3: "Les enquêtes sont anonymes par défaut, les coordonnées du tirage au sort sont séparées puis effacées, l'outil est hébergé dans l'Union européenne.",
        4: "Un modèle d'enquête validé par {dpo} est réutilisé pour toutes les enquêtes, et seuls des résultats agrégés sont diffusés.",
        "inconnu": "Les enquêtes passées ont été menées par un bureau d'études ; personne n'a pu dire comment les données ont été traitées.",
    },
    "revenir.satisfaction-clients": {
        0: "Les chalands n'ont jamais été interrogés.",
        1: "La seule enquête auprès des chalands date de plus de cinq ans.",
        2: "Une enquête auprès des chalands a été menée il y a moins de trois ans, mais ses résultats n'ont pas été présentés.",
        3: "Une enquête biennale auprès des chalands, à méthode stable, est présentée aux commerçants et a conduit à des actions.",
        4: "Les enquêtes auprès des chalands sont comparées dans le temps, croisées avec les avis en ligne et la fréquentation, et publiées.",
        "inconnu": "On ne sait pas si la maison du tourisme interroge les visiteurs sur leurs achats dans le centre.",
    },
    "revenir.ecoute-commercants": {
        0: "Les commerçants ne sont jamais consultés.",
        1: "Les commerçants sont entendus lors de réunions ponctuelles, sans trace écrite.",
        2: "Une enquête auprès des commerçants a eu lieu une fois, sans suite.",
        3: "Une enquête annuelle auprès des commerçants est menée ; ses résultats sont présentés et suivis d'actions.",
        4: "L'enquête annuelle suit des indicateurs stables, croisés avec les études {de_ic}, et ses résultats agrégés sont publiés.",
        "inconnu": "On ne sait pas si l'enquête {des_assoc} a été menée cette année.",
    },
    "revenir.effet-levier": {
        0: "Ni le coût ni l'effet des actions de fidélisation ne sont connus.",
        1: "Le budget des chèques commerce et des événements est connu, mais pas leur usage.",
        2: "Le coût et l'usage des chèques commerce sont connus (chèques remboursés), mais pas l'effet sur les dépenses.",
        3: "Pour chaque action de fidélisation, le coût, l'usage et une estimation des dépenses supplémentaires sont calculés.",
        4: "L'effet levier est comparé entre actions et d'une année à l'autre, avec des paiements agrégés, et guide les budgets.",
        "inconnu": "Les chèques sont gérés par {assoc}, qui n'a pas communiqué le nombre de chèques remboursés.",
    },
}


# --------------------------------------------------------------------------------------------
# Data inventories. Helper `inv` keeps the field order of docs/FORMAT.md.
# --------------------------------------------------------------------------------------------

def inv(type_, name, holder, access, format_, refresh, personal, legal_basis, dpia, quality,
        steps, citation=""):
    return {
        "type": type_, "name": name, "holder": holder, "access": access, "format": format_,
        "refresh": refresh, "personal_data": personal, "legal_basis": legal_basis, "dpia": dpia,
        "quality": quality, "steps": steps, "citation": citation,
    }


# Personal data without a legal basis, on purpose: the GDPR weak point the Liège report must flag.
DELIBERATE_GDPR_GAPS = {("liege", "Journaux de connexion du Wi-Fi public de l'hypercentre")}

MIP = "mission d'intérêt public (art. 6.1.e RGPD)"
CONSENT = "consentement (art. 6.1.a RGPD)"


def gare(nom, libelle, quality=3):
    """Inventory line for the SNCB boardings of a station (real data, iRail CC0)."""
    de = "d'" if nom[0] in "AEIOUÉ" else "de "
    return inv("frequentation-gares", f"Embarquements en gare {de}{nom} (octobre 2023)",
               "SNCB (chiffres republiés par iRail)", "open", "CSV", "annuel (comptage d'octobre)",
               "none", "", False, quality, ["se-deplacer"],
               f"{IRAIL_CITATION} ; libellé SNCB « {libelle} »")


def equipements(noms, quality=2):
    return inv("frequentation-gares", f"Équipements des gares ({noms})",
               "SNCB (relevé republié par iRail)", "open", "CSV",
               "irrégulier (dernier relevé en 2023)", "none", "", False, quality,
               ["se-deplacer", "stationner"],
               "iRail, fichier des équipements des gares du dépôt iRail/stations (CC0)")


def gtfs(quality=4):
    return inv("gtfs-transports-publics", "Horaires et arrêts du TEC et de la SNCB (GTFS)",
               "TEC et SNCB", "open", "GTFS", "hebdomadaire", "none", "", False, quality,
               ["s-informer", "se-deplacer"])


INVENTORY = {
    "liege": [
        gare("Liège-Guillemins", "LIEGE-GUILLEMINS"),
        equipements("Liège-Guillemins, Liège-Saint-Lambert, Liège-Carré"),
        gtfs(),
        inv("offre-stationnement", "Parkings hors voirie (opendata.liege.be)", "Ville de Liège",
            "open", "API Opendatasoft (JSON, CSV)", "à chaque modification", "none", "", False, 3,
            ["s-informer", "stationner"],
            "Ville de Liège, opendata.liege.be, jeu « parkings-voitures-hors-voirie » (32 parkings) "
            "— échantillon de 10 enregistrements examiné"),
        inv("places-pmr", "Emplacements de stationnement PMR (opendata.liege.be)", "Ville de Liège",
            "open", "API Opendatasoft (JSON, CSV)", "à chaque création ou suppression", "none", "",
            False, 3, ["se-deplacer", "stationner"],
            "Ville de Liège, opendata.liege.be, jeu « stationnement-pmr » (1 062 emplacements) "
            "— échantillon de 10 enregistrements examiné"),
        inv("occupation-parkings", "Taux d'occupation annuels des parkings concédés",
            "Concessionnaires des parkings hors voirie", "partner", "Rapport PDF", "annuel", "none", "",
            False, 1, ["stationner"]),
        inv("compteurs-pietons", "Compteurs optiques de passage de l'hypercentre (6 points)",
            "Gestion centre-ville", "internal", "Tableau de bord du fournisseur, export CSV", "horaire",
            "none", "", False, 3, ["acheter", "revenir"]),
        inv("wifi-public", "Journaux de connexion du Wi-Fi public de l'hypercentre",
            "Ville de Liège (service informatique) et son installateur", "internal",
            "Console de l'installateur", "quotidien", "personal", "", False, 2,
            ["s-informer", "acheter"]),
        inv("flux-telecom", "Étude de flux de population de l'hypercentre (opérateur mobile, 2023)",
            "Bureau d'études, commande passée avec la SPI", "purchasable", "Rapport PDF et tableaux agrégés",
            "ponctuel (2023)", "none", "", False, 3, ["se-deplacer", "acheter", "revenir"]),
        inv("cellules-vides", "Relevé des cellules commerciales vides de l'hypercentre",
            "Gestion centre-ville", "internal", "Tableur géolocalisé", "semestriel", "personal", MIP,
            False, 3, ["acheter"]),
        inv("annuaire-commerces", "Annuaire des commerces de liege.be", "Ville de Liège (service Commerce)",
            "internal", "Base de données du site", "au fil des demandes", "personal", CONSENT, False, 3,
            ["s-informer", "commander", "acheter"]),
        inv("agenda-evenements", "Agenda des événements de la Ville et de l'office du tourisme",
            "Ville de Liège et office du tourisme", "open", "Flux RSS et pages web", "quotidien", "none",
            "", False, 3, ["s-informer", "revenir"]),
    ],
    "namur": [
        gare("Namur", "NAMUR"),
        equipements("Namur"),
        gtfs(),
        inv("places-pmr", "Emplacements de stationnement PMR (data.namur.be)", "Ville de Namur",
            "open", "API Opendatasoft (JSON, CSV)", "irrégulier (fiches examinées créées le 16 septembre 2020)",
            "none", "", False, 2, ["se-deplacer", "stationner"],
            "Ville de Namur, data.namur.be, jeu « namur-parking-emplacements » (305 emplacements PMR) "
            "— échantillon de 10 enregistrements examiné ; licence à vérifier sur le portail"),
        inv("offre-stationnement", "Parkings et zones réglementées (SIG communal)", "Ville de Namur (service Mobilité)",
            "internal", "Couches SIG", "annuel", "none", "", False, 2, ["stationner"]),
        inv("occupation-parkings", "Entrées et sorties des parkings souterrains", "Concessionnaire du stationnement",
            "none", "Inconnu (système de l'exploitant)", "temps réel chez l'exploitant", "none", "", False, 0,
            ["stationner"]),
        inv("annuaire-commerces", "Annuaire des commerces de la gestion centre-ville", "Gestion centre-ville",
            "internal", "Base de données du site", "au fil des demandes", "personal", CONSENT, False, 2,
            ["s-informer", "commander", "acheter"]),
        inv("analytique-portail", "Statistiques de consultation de namur.be", "Ville de Namur (communication) et prestataire web",
            "internal", "Console de l'outil de mesure", "continu", "pseudonymised", CONSENT, False, 2,
            ["s-informer"]),
        inv("wifi-public", "Statistiques du Wi-Fi urbain", "Ville de Namur (service informatique)",
            "internal", "Console de l'équipementier", "quotidien", "pseudonymised", MIP, False, 2,
            ["s-informer", "acheter"]),
        inv("cellules-vides", "Cadastre des cellules vides de la corbeille", "Gestion centre-ville",
            "internal", "Tableur", "ponctuel (novembre 2022)", "personal", MIP, False, 2, ["acheter"]),
    ],
    "tournai": [
        gare("Tournai", "TOURNAI"),
        equipements("Tournai"),
        gtfs(),
        inv("offre-stationnement", "Liste des parkings et zones bleues", "Ville de Tournai (mobilité)",
            "internal", "Tableur et plan PDF", "annuel", "none", "", False, 2, ["stationner"]),
        inv("annuaire-commerces", "Annuaire des commerces de tournai.be", "Ville de Tournai (service Commerce)",
            "internal", "Pages du site", "au fil des demandes", "personal", CONSENT, False, 2,
            ["s-informer", "acheter"]),
        inv("cellules-vides", "Relevé géolocalisé des cellules vides du centre", "Gestion centre-ville, avec IDETA",
            "internal", "SIG (couche partagée)", "annuel", "personal", MIP, False, 3, ["acheter"]),
        inv("etudes-intercommunales", "Étude de dynamique commerciale de Wallonie picarde", "IDETA",
            "partner", "Rapport PDF et tableaux", "tous les trois ans", "none", "", False, 3,
            ["acheter", "revenir"]),
        inv("cheques-commerce", "Chèques commerce tournaisiens (papier)", "Association des commerçants",
            "partner", "Tableur des chèques émis et remboursés", "mensuel", "none", "", False, 3,
            ["revenir"]),
        inv("enquetes-clients", "Enquête auprès des chalands du centre (2023)", "Gestion centre-ville",
            "internal", "Export de l'outil d'enquête", "ponctuel (2023)", "pseudonymised", CONSENT, False, 2,
            ["se-deplacer", "acheter", "revenir"]),
        inv("wifi-public", "Bornes WiFi4EU (Grand-Place, bibliothèque)", "Ville de Tournai (informatique)",
            "internal", "Portail de gestion WiFi4EU", "quotidien", "pseudonymised", MIP, False, 1,
            ["acheter"]),
    ],
    "arlon": [
        gare("Arlon", "ARLON"),
        inv("fiches-google-osm", "Commerces d'Arlon dans OpenStreetMap (extrait du 7 janvier 2018)",
            "Contributeurs d'OpenStreetMap", "open", "GeoJSON (export Overpass)",
            "ponctuel (extrait de 2018, base vivante)", "none", "", False, 2,
            ["s-informer", "acheter"], OSM_CITATION),
        gtfs(),
        inv("annuaire-commerces", "Liste des commerces du centre (PDF sur arlon.be)", "ADL",
            "internal", "Tableur, publié en PDF", "ponctuel", "none", "", False, 1,
            ["s-informer", "acheter"]),
        inv("offre-stationnement", "Inventaire des parkings publics", "Ville d'Arlon (mobilité)",
            "internal", "Tableur sans coordonnées", "ponctuel", "none", "", False, 1, ["stationner"]),
        inv("occupation-parkings", "Enquête d'occupation du stationnement autour de la gare (2019)",
            "Ville d'Arlon (mobilité), bureau d'études", "internal", "Rapport PDF", "ponctuel (2019)",
            "none", "", False, 2, ["stationner"]),
        inv("etudes-intercommunales", "Étude de mobilité transfrontalière et commerce", "IDELUX",
            "partner", "Rapport PDF", "ponctuel", "none", "", False, 2, ["se-deplacer", "acheter"]),
        inv("plateforme-locale", "Plateforme de commande de l'association des commerçants",
            "Association des commerçants et son prestataire", "partner", "Back-office de la plateforme",
            "continu", "personal", "exécution d'un contrat (art. 6.1.b RGPD)", False, 1,
            ["commander", "retirer"]),
        inv("cheques-commerce", "Chèques commerce arlonais (papier)", "Association des commerçants",
            "partner", "Tableur des chèques émis et remboursés", "mensuel", "none", "", False, 3,
            ["revenir"]),
        inv("agenda-evenements", "Agenda des événements (arlon.be et maison du tourisme)", "Ville d'Arlon",
            "internal", "Pages web", "hebdomadaire", "none", "", False, 2, ["revenir"]),
    ],
    "ciney": [
        gare("Ciney", "CINEY"),
        equipements("Ciney"),
        gtfs(),
        inv("annuaire-commerces", "Liste des commerces et artisans tenue par l'ADL", "ADL",
            "internal", "Tableur", "annuel", "personal", MIP, False, 2, ["s-informer", "acheter"]),
        inv("enquetes-commercants", "Enquête annuelle de l'ADL auprès des commerçants", "ADL",
            "internal", "Formulaire en ligne, export tableur", "annuel", "personal", CONSENT, False, 3,
            ["commander", "acheter", "revenir"]),
        inv("cheques-commerce", "Chèques commerce cinaciens (papier)", "Commune et association des commerçants",
            "internal", "Tableur des chèques émis et remboursés", "mensuel", "none", "", False, 3,
            ["revenir"]),
        inv("agenda-evenements", "Agenda de la commune et de la maison du tourisme", "Commune et maison du tourisme",
            "internal", "Pages web", "hebdomadaire", "none", "", False, 2, ["revenir"]),
        inv("offre-stationnement", "Plan du stationnement du centre", "Commune (travaux)",
            "internal", "Plan PDF", "ponctuel", "none", "", False, 1, ["stationner"]),
    ],
    "thuin": [
        gare("Thuin", "THUIN", quality=3),
        equipements("Thuin"),
        gtfs(quality=3),
        inv("cellules-vides", "Rôle de la taxe sur les immeubles commerciaux inoccupés", "Service des finances",
            "internal", "Logiciel de taxes", "annuel", "personal",
            "obligation légale et mission d'intérêt public : règlement-taxe communal (art. 6.1.c et 6.1.e RGPD)",
            False, 2, ["acheter"]),
        inv("etudes-intercommunales", "Portrait commercial de la commune", "IGRETEC",
            "partner", "Rapport PDF", "ponctuel", "none", "", False, 2, ["acheter"]),
        inv("enquetes-commercants", "Enquête auprès des commerçants (2023)", "IGRETEC et agent de développement local",
            "partner", "Tableur des réponses", "ponctuel (2023)", "personal", CONSENT, False, 2,
            ["commander", "revenir"]),
        inv("agenda-evenements", "Agenda de l'office du tourisme", "Office du tourisme",
            "partner", "Pages web", "hebdomadaire", "none", "", False, 2, ["revenir"]),
    ],
}


# --------------------------------------------------------------------------------------------
# Audit profiles.
#   base:   maturity per step, in the angle order rh, technologies, rgpd, valorisation, couts-benefices
#   scores: facts that override base + variation; a value or (value, evidence)
#   plan:   action, owner, start, end, status, kpi, and `pos` (0..1: where the budget sits in the
#           action's cost ranges); explicit amounts may be given instead.
# --------------------------------------------------------------------------------------------

def act(action, owner, start, end, status, kpi, pos=0.5, **kw):
    return dict(action=action, owner=owner, start=start, end=end, status=status, kpi=kpi, pos=pos, **kw)


AUDITS = []

# ------------------------------------------------------------------------------ Liège (SPI)
AUDITS.append(dict(
    slug="liege", id="2025-02", date=dt.date(2025, 2, 20), status="published",
    auditors=["SPI — conseiller en développement commercial", "Ville de Liège — service Commerce",
              "Gestion centre-ville — directrice"],
    base={
        "s-informer":  [3, 3, 1, 2, 1],
        "commander":   [3, 2, 1, 1, 1],
        "se-deplacer": [3, 3, 1, 3, 1],
        "stationner":  [3, 3, 2, 2, 2],
        "acheter":     [3, 3, 1, 3, 1],
        "retirer":     [2, 3, 1, 1, 1],
        "revenir":     [3, 2, 2, 2, 1],
    },
    scores={
        "s-informer.presence-cartes": 2,
        "s-informer.referent-numerique": 3,
        "s-informer.annuaire-en-ligne": 3,
        "commander.maturite-numerique": 2,
        "acheter.retombees-mesurees": 2,
        "s-informer.mesure-audience-conforme": (1, "Test du {jour} sur liege.be : les cookies de mesure d'audience et une vidéo intégrée se déclenchent avant tout choix dans le bandeau ; la politique de confidentialité ne cite pas l'outil de mesure."),
        "s-informer.donnees-ouvertes-commerces": (2, "Le fichier des commerces de l'hypercentre a été déposé une fois sur opendata.liege.be en 2022, sans licence précisée ni mise à jour depuis."),
        "commander.plateforme-conforme": "na",
        "commander.analyse-demande": 1,
        "se-deplacer.cadre-donnees-flux": (1, "L'étude de flux mobiles de 2023 a été commandée avec la SPI ; le DPO en a été informé par courriel, mais ni le caractère agrégé des données ni la base légale n'ont été vérifiés par écrit."),
        "se-deplacer.connaissance-flux": (3, "L'étude de flux mobiles de 2023, croisée avec les embarquements SNCB (21 313 par jour de semaine à Liège-Guillemins en octobre 2023) et les compteurs piétons, a servi à fixer l'horaire de la navette du samedi."),
        "se-deplacer.liaison-gare-commerces": (3, "Liège-Guillemins, première gare de la commune (21 313 embarquements par jour de semaine, octobre 2023), offre parkings vélos, Blue-bike et 13 places PMR (iRail) ; le trajet vers le centre est jalonné avec temps de marche."),
        "se-deplacer.perturbations": (3, "Les chantiers et déviations liés aux travaux du tram sont publiés deux semaines à l'avance avec les itinéraires d'accès aux commerces ; les commerçants riverains reçoivent un courrier et un contact."),
        "stationner.info-temps-reel": 2,
        "stationner.inventaire-places": (3, "Les 32 parkings hors voirie et les 1 062 emplacements PMR sont géolocalisés et tenus à jour (dernières modifications en 2024 dans l'échantillon examiné) ; arceaux et bornes figurent dans le SIG."),
        "stationner.traitements-conformes": 2,
        "stationner.analyse-occupation": (2, "Les taux d'occupation des parkings concédés sont transmis chaque année en PDF, sans rotation ni analyse au regard du commerce ; le dernier relevé en voirie date de 2021."),
        "stationner.donnees-ouvertes": (2, "opendata.liege.be publie les 32 parkings hors voirie (capacité, horaires, bornes de recharge) et les 1 062 emplacements PMR, d'après un échantillon de 10 enregistrements par jeu ; ni les tarifs ni les zones payantes n'y figurent, d'où le niveau 2."),
        "acheter.gestion-centre-ville": (4, "L'ASBL de gestion centre-ville, membre de l'AMCV, dispose d'un contrat-programme pluriannuel, suit une douzaine d'indicateurs et rend compte chaque année au conseil communal."),
        "acheter.competences-donnees": 3,
        "acheter.mesure-frequentation": (3, "Six compteurs optiques couvrent en continu les rues Pont d'Avroy, Vinâve d'Île, Cathédrale et Léopold ; l'étude de flux de 2023 complète ces comptages."),
        "acheter.wifi-public": 2,
        "acheter.capteurs-aipd": (1, "Le Wi-Fi public de l'hypercentre enregistre les adresses MAC pour ses statistiques ; le DPO a été consulté oralement, mais aucune AIPD n'est écrite et aucun panneau n'informe les passants."),
        "acheter.vacance-commerciale": 3,
        "acheter.cout-des-donnees": "inconnu",
        "acheter.tableau-bord-commerce": (3, "Le tableau de bord trimestriel de la gestion centre-ville (fréquentation, cellules vides, occupation des parkings, événements) est présenté aux commerçants et au collège, sans comparaison avec d'autres villes."),
        "retirer.partenariats-logistiques": (3, "Le service Commerce a négocié avec bpost et un réseau de points relais l'installation de consignes dans l'hypercentre et a lancé l'appel qui a retenu la coopérative de coursiers à vélo."),
        "retirer.points-collecte": 3,
        "retirer.livraison-locale": (3, "Une coopérative de coursiers à vélo livre pour tous les commerçants de l'hypercentre à tarif connu ; la Ville en finance le lancement par convention."),
        "retirer.donnees-livraison": 1,
        "retirer.usage-donnees-logistiques": "inconnu",
        "revenir.animation-commerciale": 4,
        "revenir.agenda-evenements": 3,
        "revenir.ecoute-commercants": 3,
        "revenir.effet-levier": ("inconnu", "Les chèques commerce sont gérés par les associations de commerçants, qui n'ont pas communiqué le nombre de chèques remboursés."),
    },
    summary="""\
Liège dispose d'une **gestion de centre-ville solide** et d'atouts techniques réels : données ouvertes
sur les parkings et les places PMR, compteurs de passage, étude de flux, information sur les chantiers du tram.

Le maillon faible est la **conformité RGPD** : Wi-Fi public sans analyse d'impact ni information des passants,
mesure d'audience déclenchée avant le consentement, étude de flux commandée sans cadrage écrit du DPO.
Les **coûts et bénéfices** restent mal connus. Le plan 2025-2026 traite d'abord ces deux angles.
""",
    plan=[
        act("aipd-wifi-capteurs", "DPO de la Ville, avec le service informatique", "2025-Q2", "2025-Q4", "in-progress",
            "AIPD du Wi-Fi et des compteurs validées ; panneaux d'information posés aux six points de mesure", pos=0.6,
            criteria=["acheter.capteurs-aipd", "se-deplacer.cadre-donnees-flux"]),
        act("mesure-audience-respectueuse", "Service communication", "2025-Q2", "2025-Q3", "in-progress",
            "Aucun traceur déposé avant consentement (test trimestriel) ; traitement inscrit au registre", pos=0.5),
        act("contrats-sous-traitance", "Service juridique et DPO", "2025-Q3", "2026-Q1", "planned",
            "Contrats article 28 signés avec le concessionnaire, l'opérateur de paiement et la coopérative de livraison", pos=0.4),
        act("clause-donnees-concession", "Service Mobilité", "2025-Q3", "2026-Q2", "planned",
            "Occupation horaire des parkings concédés reçue chaque mois en CSV", pos=0.6),
        act("ouvrir-donnees-odwb", "Cellule données ouvertes", "2025-Q3", "2026-Q1", "planned",
            "Jeux « commerces » et « tarifs de stationnement » publiés et mis à jour chaque trimestre", pos=0.6),
        act("tableau-bord-couts-benefices", "Gestion centre-ville et service des finances", "2025-Q4", "2026-Q2", "planned",
            "Bilan coûts-bénéfices annuel présenté au conseil avec le budget 2027", pos=0.7),
        act("suivre-volumes-retraits", "Gestion centre-ville", "2025-Q3", "2025-Q4", "planned",
            "Volumes de colis retirés par point et par mois obtenus des opérateurs", pos=0.5),
    ],
    indicators=dict(shops=1870, vacancy_rate=15.8, parking_spaces=9600, collection_points=38, footfall=21313),
))

# ------------------------------------------------------------------------------ Namur (BEP), first audit
NAMUR_2024 = dict(
    slug="namur", id="2024-03", date=dt.date(2024, 3, 14), status="published",
    auditors=["BEP — conseillère commerce et attractivité", "Ville de Namur — service Commerce",
              "Gestion centre-ville — chargé de projet"],
    base={
        "s-informer":  [2, 2, 1, 1, 0],
        "commander":   [2, 2, 2, 1, 1],
        "se-deplacer": [2, 2, 1, 1, 1],
        "stationner":  [2, 2, 1, 2, 1],
        "acheter":     [3, 2, 1, 2, 1],
        "retirer":     [1, 2, 1, 0, 0],
        "revenir":     [3, 2, 2, 2, 1],
    },
    scores={
        "s-informer.presence-cartes": (1, "Sondage du {jour} sur 20 commerces de la rue de Fer et de la rue de l'Ange : 8 fiches Google avec horaires exacts, 11 commerces absents d'OpenStreetMap ou sans horaires."),
        "s-informer.mesure-audience-conforme": 1,
        "s-informer.analyse-audience": 1,
        "s-informer.donnees-ouvertes-commerces": 1,
        "s-informer.couts-visibilite": 0,
        "commander.maturite-numerique": 1,
        "commander.accompagnement-commercants": 2,
        "acheter.competences-donnees": 2,
        "retirer.partenariats-logistiques": 1,
        "revenir.effet-levier": 2,
        "commander.plateforme-conforme": (2, "La plateforme de click-and-collect lancée par l'association des commerçants en 2020 publie une politique de confidentialité, mais le contrat de sous-traitance avec le prestataire n'est pas signé."),
        "commander.analyse-demande": 1,
        "se-deplacer.cadre-donnees-flux": "na",
        "se-deplacer.connaissance-flux": (1, "Les embarquements SNCB (21 590 par jour de semaine et 8 822 le samedi en gare de Namur, octobre 2023) et les comptages routiers du SPW existent, mais n'ont jamais été rapprochés de la provenance des chalands."),
        "se-deplacer.liaison-gare-commerces": (2, "La gare de Namur (21 590 embarquements par jour de semaine, octobre 2023) offre parkings vélos, Blue-bike et 2 places PMR (iRail) ; le relevé du cheminement vers la rue de Fer n'a pas encore conduit à des aménagements."),
        "stationner.info-temps-reel": 2,
        "stationner.inventaire-places": 2,
        "stationner.traitements-conformes": 1,
        "stationner.analyse-occupation": (1, "L'occupation des parkings souterrains n'est connue que par les remarques du concessionnaire ; aucun chiffre n'est transmis à la Ville."),
        "stationner.donnees-ouvertes": (2, "data.namur.be publie les 305 emplacements PMR (rue, zone, horaire, dimensions ; échantillon de 10 enregistrements examiné, tous créés le 16 septembre 2020) ; ni les parkings ni les tarifs ne sont publiés."),
        "stationner.bilan-stationnement": 1,
        "acheter.gestion-centre-ville": 3,
        "acheter.mesure-frequentation": 2,
        "acheter.wifi-public": 2,
        "acheter.capteurs-aipd": "inconnu",
        "acheter.tableau-bord-commerce": 1,
        "acheter.vacance-commerciale": (2, "Le cadastre des cellules vides de la gestion centre-ville date de novembre 2022 et n'a pas été mis à jour ; il n'est pas géolocalisé."),
        "retirer.points-collecte": 2,
        "retirer.livraison-locale": 2,
        "retirer.donnees-livraison": "inconnu",
        "retirer.usage-donnees-logistiques": 0,
        "revenir.animation-commerciale": 3,
        "revenir.satisfaction-clients": 1,
    },
    summary="""\
Premier audit de Namur. La ville s'appuie sur une **gestion de centre-ville active** et sur un début de
données ouvertes (emplacements PMR), mais elle **connaît mal ses flux** : ni la provenance des chalands ni
l'occupation des parkings concédés ne sont mesurées.

Les fiches en ligne des commerces sont incomplètes, la mesure d'audience du portail n'est pas conforme et
les traitements du stationnement ne sont pas au registre. Le plan 2024-2025 vise ces points, avec le BEP.
""",
    plan=[
        act("horaires-osm-google", "Gestion centre-ville", "2024-Q2", "2024-Q4", "planned",
            "Part des commerces de la corbeille avec fiche et horaires corrects (objectif 80 %)", pos=0.5),
        act("mesure-audience-respectueuse", "Service communication et DPO", "2024-Q2", "2024-Q3", "planned",
            "Aucun traceur avant consentement ; traitement inscrit au registre", pos=0.5),
        act("registre-traitements", "DPO de la Ville", "2024-Q2", "2024-Q4", "planned",
            "Traitements du stationnement et du commerce inscrits au registre", pos=0.5,
            criteria=["stationner.traitements-conformes", "s-informer.mesure-audience-conforme"]),
        act("enquete-occupation-rotation", "Service Mobilité", "2024-Q3", "2025-Q1", "planned",
            "Taux d'occupation et durée moyenne de stationnement relevés un mardi et un samedi", pos=0.5),
        act("etude-flux-telecom", "Service Commerce, avec le BEP", "2024-Q3", "2025-Q2", "planned",
            "Provenance des chalands connue par commune et par heure", pos=0.5, budget_yearly=0,
            criteria=["se-deplacer.connaissance-flux"]),
        act("tableau-bord-centre-ville", "Gestion centre-ville", "2024-Q4", "2025-Q4", "planned",
            "Tableau de bord trimestriel de six indicateurs présenté au collège", pos=0.5),
        act("ouvrir-donnees-odwb", "Cellule Smart City", "2024-Q4", "2025-Q3", "planned",
            "Jeux « parkings et tarifs » et « commerces » publiés sous licence ouverte", pos=0.4),
    ],
    indicators=dict(shops=1150, vacancy_rate=11.2, parking_spaces=5800, collection_points=24, footfall=21590),
)
AUDITS.append(NAMUR_2024)

# ------------------------------------------------------------------------------ Namur, second audit
AUDITS.append(dict(
    inherits=NAMUR_2024,
    slug="namur", id="2025-06", date=dt.date(2025, 6, 12), status="published",
    auditors=["BEP — conseillère commerce et attractivité", "Ville de Namur — service Commerce",
              "Gestion centre-ville — chargé de projet", "Ville de Namur — DPO"],
    scores={
        "s-informer.presence-cartes": (3, "Après la campagne de l'automne 2024 avec les commerçants, le contrôle du {jour} sur 40 commerces de la corbeille compte 34 fiches correctes avec horaires sur Google et sur OpenStreetMap."),
        "s-informer.mesure-audience-conforme": (3, "Depuis octobre 2024, la mesure d'audience de namur.be est inscrite au registre, conservée 13 mois, sous contrat de sous-traitance, avec un outil hébergé dans l'Union européenne."),
        "s-informer.analyse-audience": 2,
        "s-informer.donnees-ouvertes-commerces": (2, "Un premier fichier CSV des commerces a été déposé sur data.namur.be en avril 2025 ; la licence et le rythme de mise à jour restent à fixer."),
        "s-informer.couts-visibilite": 1,
        "commander.maturite-numerique": (2, "Une enquête du BEP sur les usages numériques (2024) a reçu 61 réponses de commerçants namurois, moins d'un tiers des commerces de la corbeille."),
        "se-deplacer.cadre-donnees-flux": (3, "L'étude de flux de 2025 est inscrite au registre, la nécessité d'une AIPD a été évaluée par écrit avec le DPO, et le contrat impose des données agrégées (seuil de 30 personnes) sans ré-identification."),
        "se-deplacer.connaissance-flux": (3, "L'étude de flux mobiles de 2025, croisée avec les embarquements SNCB (21 590 par jour de semaine en gare de Namur, octobre 2023) et les comptages, a conduit à prolonger la navette du samedi jusqu'à la gare."),
        "stationner.traitements-conformes": (3, "Les traitements du stationnement (contrôle, cartes riverains et PMR, paiement mobile) sont au registre depuis fin 2024, avec base légale, durées de conservation et information sur les horodateurs."),
        "stationner.analyse-occupation": (3, "Relevé d'occupation et de rotation des 14 et 18 janvier 2025 (un mardi et un samedi) : la zone rouge est saturée le samedi ; la durée maximale y a été ramenée à deux heures."),
        "stationner.donnees-ouvertes": (3, "Aux 305 emplacements PMR publiés sur data.namur.be s'ajoute depuis mars 2025 le jeu des parkings et de leurs tarifs, sous licence ouverte, mis à jour chaque trimestre."),
        "acheter.mesure-frequentation": (3, "L'étude de flux de 2025 complète les comptages réguliers de la rue de Fer et de la place d'Armes."),
        "acheter.tableau-bord-commerce": (2, "Une première note d'indicateurs (vacance, fréquentation, stationnement) a été présentée au collège en mai 2025 ; la version trimestrielle partagée avec les commerçants est en préparation."),
        "acheter.capteurs-aipd": (2, "Le Wi-Fi urbain est inscrit au registre depuis fin 2024, mais l'AIPD n'est pas terminée et aucun panneau n'informe le public."),
        "acheter.cout-des-donnees": 2,
        "acheter.vacance-commerciale": (2, "Le cadastre des cellules vides a été actualisé en mars 2025 (71 cellules dans la corbeille), mais il n'est ni géolocalisé ni utilisé pour la prospection."),
        "acheter.competences-donnees": 3,
        "commander.rentabilite-plateforme": "inconnu",
        "s-informer.referent-numerique": (2, "Depuis la campagne de l'automne 2024, un agent de la gestion centre-ville est désigné pour les fiches en ligne des commerces, sans temps réservé ni procédure écrite."),
        "revenir.fidelite-consentement": 3,
        "retirer.donnees-livraison": 2,
        "revenir.satisfaction-clients": 2,
    },
    summary="""\
Second audit de Namur, quinze mois après le premier. **Cinq actions du plan 2024 sont terminées** :
fiches en ligne des commerces, mesure d'audience conforme, registre des traitements, relevé d'occupation
du stationnement et étude de flux encadrée par le DPO. Les étapes *S'informer*, *Se déplacer* et
*Stationner* progressent nettement.

Restent faibles le **retrait et la livraison** (aucune consigne dans la corbeille, aucun volume connu) et
les **coûts et bénéfices**. Le tableau de bord du centre-ville et l'ouverture des données se poursuivent ;
une action sur les consignes à colis est ajoutée.
""",
    plan=[
        act("horaires-osm-google", "Gestion centre-ville", "2024-Q2", "2024-Q4", "done",
            "Part des commerces de la corbeille avec fiche et horaires corrects : 85 % en juin 2025", pos=0.5),
        act("mesure-audience-respectueuse", "Service communication et DPO", "2024-Q2", "2024-Q4", "done",
            "Aucun traceur avant consentement ; traitement inscrit au registre", pos=0.5),
        act("registre-traitements", "DPO de la Ville", "2024-Q2", "2024-Q4", "done",
            "Traitements du stationnement et du commerce inscrits au registre", pos=0.5,
            criteria=["stationner.traitements-conformes", "s-informer.mesure-audience-conforme"]),
        act("enquete-occupation-rotation", "Service Mobilité", "2024-Q3", "2025-Q1", "done",
            "Taux d'occupation et durée moyenne de stationnement relevés un mardi et un samedi", pos=0.5),
        act("etude-flux-telecom", "Service Commerce, avec le BEP", "2024-Q3", "2025-Q2", "done",
            "Provenance des chalands connue par commune et par heure", pos=0.5, budget_yearly=0,
            criteria=["se-deplacer.connaissance-flux"]),
        act("tableau-bord-centre-ville", "Gestion centre-ville", "2024-Q4", "2025-Q4", "in-progress",
            "Tableau de bord trimestriel de six indicateurs présenté au collège", pos=0.5),
        act("ouvrir-donnees-odwb", "Cellule Smart City", "2024-Q4", "2025-Q4", "in-progress",
            "Jeux « parkings et tarifs » (publié) et « commerces » (à publier sous licence ouverte)", pos=0.4),
        act("consignes-colis-centre", "Service Commerce", "2025-Q3", "2026-Q1", "planned",
            "Une consigne multi-transporteurs accessible 7 jours sur 7 dans la corbeille", pos=0.3),
    ],
    indicators=dict(shops=1160, vacancy_rate=10.4, parking_spaces=5800, collection_points=26, footfall=21590),
    inventory_drop=["Équipements des gares (Namur)"],
    inventory_fix=[
        dict(name="Statistiques de consultation de namur.be", quality=3, personal_data="none", legal_basis="",
             format="Outil de mesure sans cookie, adresses IP tronquées, hébergé dans l'Union européenne"),
        dict(name="Annuaire des commerces de la gestion centre-ville", quality=3),
        dict(name="Cadastre des cellules vides de la corbeille", refresh="annuel depuis mars 2025"),
        dict(name="Emplacements de stationnement PMR (data.namur.be)", quality=3,
             refresh="trimestriel depuis mars 2025"),
    ],
    inventory_extra=[
        inv("flux-telecom", "Étude de flux de population du centre (opérateur mobile, 2025)",
            "Bureau d'études, marché passé avec le BEP", "purchasable", "Rapport PDF et tableaux agrégés",
            "ponctuel (2025)", "none", "", True, 3, ["se-deplacer", "acheter", "revenir"]),
        inv("occupation-parkings", "Relevé d'occupation et de rotation du stationnement (janvier 2025)",
            "Ville de Namur (service Mobilité)", "internal", "Tableur", "annuel", "none", "", False, 3,
            ["stationner"]),
        inv("fiches-google-osm", "Fiches OpenStreetMap des commerces de la corbeille (campagne 2024)",
            "Contributeurs d'OpenStreetMap et gestion centre-ville", "open", "Données OpenStreetMap",
            "contrôle annuel", "none", "", False, 3, ["s-informer", "acheter"]),
    ],
))

# ------------------------------------------------------------------------------ Tournai (IDETA)
TOURNAI_2025 = dict(
    slug="tournai", id="2025-01", date=dt.date(2025, 1, 23), status="published",
    auditors=["IDETA — chargée de mission commerce", "Ville de Tournai — service Commerce",
              "Gestion centre-ville — manager"],
    base={
        "s-informer":  [2, 2, 2, 1, 1],
        "commander":   [2, 1, 2, 1, 0],
        "se-deplacer": [2, 2, 1, 1, 1],
        "stationner":  [2, 2, 2, 2, 1],
        "acheter":     [3, 1, 2, 2, 1],
        "retirer":     [1, 2, 1, 0, 0],
        "revenir":     [3, 2, 2, 2, 2],
    },
    scores={
        "s-informer.annuaire-en-ligne": 2,
        "s-informer.mesure-audience-conforme": 2,
        "s-informer.presence-cartes": 2,
        "se-deplacer.info-multimodale": 2,
        "retirer.partenariats-logistiques": 1,
        "acheter.retombees-mesurees": 1,
        "s-informer.donnees-ouvertes-commerces": 0,
        "commander.vente-en-ligne": 1,
        "commander.maturite-numerique": (2, "L'enquête numérique d'IDETA de 2021 a reçu 38 réponses de commerçants tournaisiens ; elle n'a pas été refaite."),
        "commander.plateforme-conforme": "na",
        "commander.analyse-demande": 0,
        "se-deplacer.cadre-donnees-flux": (1, "IDETA propose une étude de flux mobiles ; le DPO en a été informé, mais la nature des données et la base légale n'ont pas encore été vérifiées par écrit."),
        "se-deplacer.connaissance-flux": (2, "L'enquête de 2023 auprès de 412 chalands donne leur provenance et leur mode d'accès, mais elle n'a conduit à aucune décision ; les 6 428 embarquements quotidiens en gare (octobre 2023) n'y ont pas été rapprochés."),
        "revenir.satisfaction-clients": (2, "L'enquête de 2023 auprès des chalands du centre (provenance, satisfaction, attentes) n'a été présentée ni aux commerçants ni au collège."),
        "se-deplacer.liaison-gare-commerces": (2, "La gare de Tournai (6 428 embarquements par jour de semaine, octobre 2023) dispose d'un parking gratuit, de parkings vélos et de 3 places PMR (iRail) ; le relevé du trajet vers la Grand-Place n'a conduit à aucun aménagement."),
        "se-deplacer.couts-accessibilite": "inconnu",
        "stationner.info-temps-reel": 1,
        "stationner.donnees-ouvertes": 1,
        "acheter.mesure-frequentation": 1,
        "acheter.wifi-public": (1, "Deux bornes WiFi4EU fonctionnent (Grand-Place, bibliothèque), mais ne couvrent ni la rue Royale ni la rue de la Cordonnerie."),
        "acheter.capteurs-aipd": 2,
        "acheter.tableau-bord-commerce": 1,
        "acheter.vacance-commerciale": (3, "Le relevé géolocalisé des cellules vides, tenu avec IDETA, est mis à jour chaque année (62 cellules en décembre 2024) et sert à la prospection d'enseignes."),
        "acheter.cout-des-donnees": "inconnu",
        "retirer.donnees-livraison": "na",
        "retirer.cout-livraison": "na",
        "revenir.fidelisation": (3, "Les chèques commerce tournaisiens sont acceptés par environ 240 commerces ; émissions et remboursements sont suivis chaque mois."),
        "revenir.enquetes-conformes": 3,
        "revenir.effet-levier": 2,
    },
    summary="""\
Tournai s'appuie sur une **gestion de centre-ville** établie, un **relevé des cellules vides** partagé avec
IDETA et des **chèques commerce** bien acceptés.

Les maillons faibles sont la **mesure de la fréquentation** (aucun comptage régulier), la **visibilité en
ligne** des commerces (annuaire partiel, aucune donnée ouverte) et le **retrait des colis**. Le plan
s'attaque d'abord à l'annuaire et aux compteurs, avec l'appui d'IDETA.
""",
    plan=[
        act("completer-annuaire-commerces", "Service Commerce", "2025-Q2", "2025-Q4", "in-progress",
            "Part des commerces actifs du centre présents dans l'annuaire (objectif 80 %)", pos=0.4),
        act("ouvrir-donnees-odwb", "Service informatique", "2025-Q4", "2026-Q2", "planned",
            "Jeu de données des commerces publié sur ODWB et mis à jour chaque année", pos=0.3,
            criteria=["s-informer.donnees-ouvertes-commerces", "stationner.donnees-ouvertes"]),
        act("installer-compteurs-pietons", "Gestion centre-ville", "2025-Q3", "2026-Q1", "planned",
            "Passages quotidiens mesurés en continu en trois points (Grand-Place, rue Royale, Cordonnerie)", pos=0.4),
        act("tableau-bord-centre-ville", "Gestion centre-ville, avec IDETA", "2026-Q1", "2026-Q3", "planned",
            "Tableau de bord trimestriel présenté aux commerçants et au collège", pos=0.4),
        act("consignes-colis-centre", "Service Commerce", "2025-Q3", "2025-Q4", "planned",
            "Une consigne à colis accessible tous les jours près de la Grand-Place", pos=0.3),
        act("analyser-demande-clients", "Service Commerce", "2025-Q4", "2026-Q1", "planned",
            "Rapport semestriel des recherches de l'annuaire partagé avec les commerçants", pos=0.5),
    ],
    indicators=dict(shops=640, vacancy_rate=16.9, parking_spaces=3900, collection_points=14, footfall=6428),
)
AUDITS.append(TOURNAI_2025)

# Tournai: a follow-up in progress. Draft: never published.
AUDITS.append(dict(
    inherits=TOURNAI_2025,
    slug="tournai", id="2025-10", date=dt.date(2025, 10, 9), status="draft",
    auditors=["IDETA — chargée de mission commerce", "Ville de Tournai — service Commerce"],
    scores={
        "s-informer.annuaire-en-ligne": (3, "Brouillon — à confirmer : après la campagne de l'été 2025, l'annuaire couvrirait 82 % des commerces actifs du centre historique, avec catégories, horaires et carte."),
        "retirer.points-collecte": (2, "Brouillon — la consigne prévue près de la Grand-Place n'est pas encore installée ; les points de retrait sont recensés."),
    },
    summary="""\
**Brouillon de travail — ne pas publier.** Relecture intermédiaire du plan 2025 : l'annuaire progresse,
la consigne à colis n'est pas encore installée. Les autres réponses reprennent l'audit de janvier 2025 et
restent à revoir avec le service Commerce.
""",
    plan_status={"completer-annuaire-commerces": "done"},
))

# ------------------------------------------------------------------------------ Arlon (IDELUX)
AUDITS.append(dict(
    slug="arlon", id="2024-10", date=dt.date(2024, 10, 17), status="published",
    auditors=["IDELUX — conseiller commerce et centres-villes", "Ville d'Arlon — ADL"],
    base={
        "s-informer":  [1, 1, 2, 1, 0],
        "commander":   [2, 1, 1, 1, 0],
        "se-deplacer": [2, 2, 1, 2, 0],
        "stationner":  [2, 1, 1, 1, 1],
        "acheter":     [2, 1, 2, 1, 1],
        "retirer":     [1, 2, 1, 1, 0],
        "revenir":     [3, 2, 1, 2, 1],
    },
    scores={
        "s-informer.referent-numerique": 1,
        "s-informer.annuaire-en-ligne": (1, "arlon.be ne propose qu'une liste PDF des commerces du centre, établie par l'ADL il y a plus de deux ans, sans horaires ni liens vers les boutiques en ligne."),
        "s-informer.presence-cartes": (1, "L'extrait OpenStreetMap examiné (7 janvier 2018) compte 115 commerces sur la commune, dont 27 seulement avec des horaires d'ouverture et 17 avec un site web ; sondage Google du {jour} : 9 fiches sur 20 avec horaires exacts."),
        "s-informer.mesure-audience-conforme": 2,
        "s-informer.donnees-ouvertes-commerces": (0, "Aucune donnée sur les commerces n'est publiée par la Ville ; la seule source réutilisable est OpenStreetMap, alimentée par des bénévoles."),
        "commander.plateforme-conforme": 1,
        "commander.maturite-numerique": 1,
        "acheter.wifi-public": 1,
        "revenir.agenda-evenements": 2,
        "stationner.traitements-conformes": 1,
        "commander.analyse-demande": 0,
        "commander.rentabilite-plateforme": 0,
        "se-deplacer.cadre-donnees-flux": "na",
        "se-deplacer.connaissance-flux": (2, "Une étude de mobilité transfrontalière réalisée avec IDELUX il y a plus de trois ans décrit les navettes vers le Luxembourg, mais pas la provenance des chalands ; elle n'a conduit à aucune décision."),
        "se-deplacer.liaison-gare-commerces": (1, "La gare d'Arlon compte 5 294 embarquements par jour de semaine (octobre 2023), surtout des navetteurs ; sa fiche iRail ne renseigne aucun équipement, et le trajet vers la Grand-Rue n'a jamais été relevé."),
        "stationner.info-temps-reel": 0,
        "stationner.inventaire-places": 1,
        "stationner.analyse-occupation": (2, "L'enquête d'occupation de 2019 montre les parkings proches de la gare saturés dès 7 h 30 par les navetteurs ; elle n'a pas été actualisée."),
        "stationner.donnees-ouvertes": 0,
        "acheter.mesure-frequentation": 0,
        "acheter.capteurs-aipd": 2,
        "acheter.vacance-commerciale": 2,
        "acheter.cout-des-donnees": "inconnu",
        "retirer.donnees-livraison": "na",
        "retirer.cout-livraison": "na",
        "retirer.usage-donnees-logistiques": "inconnu",
        "revenir.animation-commerciale": 3,
        "revenir.fidelite-consentement": 1,
        "revenir.enquetes-conformes": "inconnu",
        "revenir.satisfaction-clients": 1,
    },
    summary="""\
Arlon vit au rythme des **navetteurs vers le Luxembourg** : la gare compte 5 294 embarquements par jour de
semaine (octobre 2023) et les parkings proches sont saturés dès le matin. L'animation commerciale est
bien portée par l'ADL et l'association des commerçants.

La **visibilité en ligne** est le maillon le plus faible : seul un commerce sur quatre a des horaires dans
l'extrait OpenStreetMap examiné, et l'annuaire communal est un PDF ancien. Le stationnement n'est
inventorié que dans un tableur et n'est pas publié ; la fréquentation n'est pas mesurée.
""",
    plan=[
        act("designer-referent-commerce-en-ligne", "ADL", "2024-Q4", "2025-Q1", "planned",
            "Référente désignée avec une demi-journée par semaine ; part des fiches vérifiées dans l'année", pos=0.3),
        act("horaires-osm-google", "ADL, avec des contributeurs d'OpenStreetMap", "2025-Q1", "2025-Q3", "planned",
            "Part des commerces avec horaires dans OpenStreetMap (27 sur 115 en 2018 ; objectif 80 %)", pos=0.4),
        act("completer-annuaire-commerces", "ADL et service informatique", "2025-Q1", "2025-Q4", "planned",
            "Annuaire en ligne couvrant 80 % des commerces actifs, lisible sur téléphone", pos=0.4),
        act("inventaire-stationnement-sig", "Service Mobilité", "2025-Q2", "2025-Q4", "planned",
            "Inventaire géolocalisé des parkings, places PMR et bornes dans le SIG", pos=0.4),
        act("installer-compteurs-pietons", "ADL", "2025-Q3", "2026-Q1", "planned",
            "Passages quotidiens mesurés en continu Grand-Rue et rue des Faubourgs", pos=0.3),
        act("mentions-information-rgpd", "DPO de la Ville, avec l'association des commerçants", "2025-Q1", "2025-Q2", "planned",
            "Mentions d'information et durées de conservation publiées pour la lettre et la plateforme", pos=0.5,
            criteria=["revenir.fidelite-consentement", "acheter.capteurs-aipd"]),
    ],
    indicators=dict(shops=115, vacancy_rate=12.0, parking_spaces=2400, collection_points=9, footfall=5294),
))

# ------------------------------------------------------------------------------ Ciney (BEP), rural
AUDITS.append(dict(
    slug="ciney", id="2024-06", date=dt.date(2024, 6, 6), status="published",
    auditors=["BEP — conseiller en développement territorial", "Commune de Ciney — ADL"],
    base={
        "s-informer":  [2, 1, 1, 0, 1],
        "commander":   [3, 1, 1, 1, 1],
        "se-deplacer": [2, 1, 1, 1, 1],
        "stationner":  [2, 1, 1, 1, 1],
        "acheter":     [2, 1, 1, 1, 1],
        "retirer":     [2, 2, 1, 0, 1],
        "revenir":     [3, 2, 2, 2, 2],
    },
    scores={
        "s-informer.referent-numerique": (2, "L'agente de l'ADL est désignée pour la page commerce de ciney.be, sans temps réservé ; deux mises à jour en 2023."),
        "s-informer.annuaire-en-ligne": 2,
        "s-informer.presence-cartes": 1,
        "s-informer.mesure-audience-conforme": "inconnu",
        "s-informer.analyse-audience": 0,
        "s-informer.donnees-ouvertes-commerces": 0,
        "s-informer.couts-visibilite": 1,
        "se-deplacer.conseiller-mobilite": 2,
        "stationner.inventaire-places": 1,
        "revenir.fidelite-consentement": 2,
        "revenir.enquetes-conformes": 2,
        "commander.accompagnement-commercants": (3, "L'ADL organise chaque année des ateliers avec le BEP et l'UCM et suit personnellement les participants ; 31 commerçants accompagnés en 2023, environ un tiers du centre."),
        "commander.maturite-numerique": (2, "Seule l'enquête annuelle de l'ADL aborde le numérique, en trois questions (site, réseaux sociaux, paiement électronique) ; aucun diagnostic complet n'a été mené."),
        "commander.plateforme-conforme": "na",
        "commander.analyse-demande": 0,
        "se-deplacer.info-multimodale": 1,
        "se-deplacer.cadre-donnees-flux": "na",
        "se-deplacer.connaissance-flux": 1,
        "se-deplacer.liaison-gare-commerces": (2, "La gare de Ciney (2 137 embarquements par jour de semaine, 969 le samedi, octobre 2023) offre parking gratuit, parkings vélos et 6 places PMR (iRail) ; un relevé du trajet vers la place Monseu existe, sans aménagement à ce jour."),
        "se-deplacer.couts-accessibilite": "inconnu",
        "stationner.info-temps-reel": 0,
        "stationner.traitements-conformes": "inconnu",
        "stationner.donnees-ouvertes": 0,
        "acheter.gestion-centre-ville": (2, "L'ADL consacre environ un mi-temps au commerce du centre et connaît chaque commerçant, mais il n'existe pas de plan d'action écrit."),
        "acheter.mesure-frequentation": 1,
        "acheter.capteurs-aipd": "inconnu",
        "acheter.tableau-bord-commerce": 0,
        "acheter.vacance-commerciale": 2,
        "acheter.cout-des-donnees": 0,
        "retirer.partenariats-logistiques": 2,
        "retirer.livraison-locale": (2, "Un commerçant-traiteur assure des livraisons pour quelques collègues dans la commune, mais le service est peu connu."),
        "retirer.donnees-livraison": 1,
        "retirer.cout-livraison": (1, "La commune verse un petit subside au service de livraison du commerçant-traiteur ; le nombre de livraisons n'est pas connu."),
        "retirer.usage-donnees-logistiques": "inconnu",
        "revenir.animation-commerciale": (3, "L'ADL coordonne avec l'association des commerçants un calendrier annuel d'animations (quinzaine commerciale, marché de Noël, journée des artisans) ; le samedi, la gare garde 969 embarquements, une clientèle à capter."),
        "revenir.fidelisation": 3,
        "revenir.ecoute-commercants": (3, "L'ADL mène chaque année une enquête auprès des commerçants (74 réponses en 2023) ; les résultats sont présentés en réunion et ont conduit aux ateliers numériques."),
        "revenir.satisfaction-clients": 1,
        "revenir.effet-levier": 2,
    },
    summary="""\
Ciney tire sa force de la **proximité** : l'ADL connaît chaque commerçant, les accompagne vers le numérique,
les consulte chaque année et coordonne les animations ; les chèques commerce sont largement acceptés.

La commune **dispose de peu de données** : ni la fréquentation, ni la provenance des chalands, ni les
traitements de données personnelles liés au stationnement et au Wi-Fi ne sont connus (cinq réponses
« inconnu »). Le plan s'appuie sur le BEP pour l'analyse et commence par des actions simples.
""",
    plan=[
        act("horaires-osm-google", "ADL", "2024-Q3", "2024-Q4", "in-progress",
            "Part des commerces du centre avec horaires corrects en ligne (objectif 80 %)", pos=0.3),
        act("page-venir-au-centre", "Conseillère en mobilité et service communication", "2024-Q4", "2025-Q2", "planned",
            "Page « Venir au centre » publiée, avec temps de marche depuis la gare", pos=0.2),
        act("mobiliser-dpo", "Directeur général et DPO", "2024-Q3", "2024-Q4", "planned",
            "Traitements du stationnement et du Wi-Fi décrits par le DPO", pos=0.3,
            criteria=["stationner.traitements-conformes", "acheter.capteurs-aipd"]),
        act("appui-intercommunale-donnees", "ADL, avec le BEP", "2024-Q4", "2025-Q2", "planned",
            "Note annuelle d'indicateurs du centre produite avec le BEP", pos=0.3,
            criteria=["acheter.competences-donnees", "acheter.tableau-bord-commerce"]),
        act("enquete-chalands", "ADL", "2025-Q2", "2025-Q3", "planned",
            "300 chalands interrogés un samedi et un mardi ; résultats présentés aux commerçants", pos=0.2,
            criteria=["revenir.satisfaction-clients", "se-deplacer.connaissance-flux"]),
        act("inventaire-stationnement-sig", "Service travaux", "2025-Q1", "2025-Q3", "planned",
            "Inventaire géolocalisé du stationnement du centre, places PMR comprises", pos=0.2),
    ],
    indicators=dict(shops=210, vacancy_rate=9.5, parking_spaces=1350, collection_points=6, footfall=2137),
))

# ------------------------------------------------------------------------------ Thuin (IGRETEC), rural
AUDITS.append(dict(
    slug="thuin", id="2025-04", date=dt.date(2025, 4, 10), status="published",
    auditors=["IGRETEC — chargé de mission développement commercial", "Ville de Thuin — agent de développement local",
              "Ville de Thuin — échevine du commerce"],
    base={
        "s-informer":  [1, 1, 1, 0, 0],
        "commander":   [2, 1, 1, 1, 0],
        "se-deplacer": [1, 1, 1, 1, 0],
        "stationner":  [2, 1, 1, 1, 1],
        "acheter":     [1, 1, 1, 1, 1],
        "retirer":     [2, 1, 1, 0, 0],
        "revenir":     [3, 1, 2, 1, 1],
    },
    scores={
        "s-informer.referent-numerique": 1,
        "s-informer.annuaire-en-ligne": 1,
        "s-informer.presence-cartes": 0,
        "s-informer.mesure-audience-conforme": "inconnu",
        "s-informer.analyse-audience": 0,
        "s-informer.donnees-ouvertes-commerces": 0,
        "se-deplacer.perturbations": 1,
        "commander.accompagnement-commercants": 2,
        "commander.vente-en-ligne": 1,
        "commander.maturite-numerique": (1, "L'enquête d'IGRETEC de 2023 n'a reçu que 19 réponses de commerçants thudiniens ; on en retient surtout des témoignages."),
        "commander.plateforme-conforme": "na",
        "commander.analyse-demande": 0,
        "se-deplacer.conseiller-mobilite": 1,
        "se-deplacer.info-multimodale": 1,
        "se-deplacer.cadre-donnees-flux": "na",
        "se-deplacer.connaissance-flux": (1, "Seules les données SNCB existent (271 embarquements par jour de semaine et 76 le samedi en gare de Thuin, octobre 2023), avec les comptages routiers du SPW ; personne ne les a rassemblées."),
        "se-deplacer.liaison-gare-commerces": (1, "Selon iRail, la gare de Thuin n'offre ni parking vélo ni place PMR, seulement un parking gratuit ; la montée vers la ville haute n'est pas jalonnée et n'a jamais été relevée."),
        "se-deplacer.couts-accessibilite": "inconnu",
        "stationner.gestion-coordonnee": (2, "L'échevine du commerce et le service travaux rencontrent les commerçants de la Grand-Rue lorsqu'un problème survient (marché, travaux)."),
        "stationner.info-temps-reel": 0,
        "stationner.traitements-conformes": ("inconnu", "Personne n'a pu dire si les cartes de riverain et le contrôle de la zone bleue sont inscrits au registre des traitements ; question transmise {a_dpo}."),
        "stationner.analyse-occupation": 1,
        "stationner.donnees-ouvertes": 0,
        "stationner.bilan-stationnement": (1, "Le stationnement est gratuit (zone bleue) ; le service des finances connaît les redevances de dépassement, mais pas le coût du contrôle."),
        "acheter.gestion-centre-ville": 1,
        "acheter.mesure-frequentation": 0,
        "acheter.wifi-public": 1,
        "acheter.capteurs-aipd": "inconnu",
        "acheter.tableau-bord-commerce": 0,
        "acheter.vacance-commerciale": (2, "Le rôle de la taxe sur les immeubles commerciaux inoccupés recense les cellules vides, mais il n'est pas partagé avec l'agent de développement local."),
        "acheter.cout-des-donnees": "inconnu",
        "retirer.partenariats-logistiques": 2,
        "retirer.points-collecte": 1,
        "retirer.livraison-locale": 1,
        "retirer.donnees-livraison": "na",
        "retirer.usage-donnees-logistiques": "inconnu",
        "retirer.cout-livraison": "na",
        "revenir.animation-commerciale": (3, "L'office du tourisme et l'agent de développement local coordonnent un calendrier annuel avec l'association des commerçants, appuyés par de nombreux bénévoles."),
        "revenir.fidelisation": 1,
        "revenir.agenda-evenements": 2,
        "revenir.fidelite-consentement": (2, "La lettre d'information de l'office du tourisme a une politique de confidentialité, mais le traitement n'est pas inscrit au registre de la commune."),
        "revenir.enquetes-conformes": 1,
        "revenir.satisfaction-clients": 0,
        "revenir.ecoute-commercants": 2,
        "revenir.effet-levier": 1,
    },
    summary="""\
Thuin est une petite ville rurale dont le commerce se partage entre la **ville haute** et la **ville basse**.
La gare est peu fréquentée (271 embarquements par jour de semaine en octobre 2023) et le stationnement est
gratuit. Les animations reposent sur l'office du tourisme, l'association des commerçants et des bénévoles.

La commune **connaît peu son territoire** : six réponses « inconnu », aucune mesure de fréquentation, aucune
donnée publiée. Le plan commence par des actions peu coûteuses (référent, fiches en ligne, DPO, relevé des
cellules vides) avec l'appui d'IGRETEC.
""",
    plan=[
        act("designer-referent-commerce-en-ligne", "Agent de développement local", "2025-Q2", "2025-Q3", "in-progress",
            "Référent désigné ; part des fiches de commerces vérifiées dans l'année", pos=0.2),
        act("horaires-osm-google", "Agent de développement local, avec l'office du tourisme", "2025-Q3", "2025-Q4", "planned",
            "Part des commerces de la Grand-Rue et de la ville basse avec horaires corrects en ligne", pos=0.2),
        act("mobiliser-dpo", "Directrice générale et DPO", "2025-Q2", "2025-Q3", "planned",
            "Traitements du stationnement, du Wi-Fi et du portail décrits par le DPO", pos=0.2,
            criteria=["stationner.traitements-conformes", "acheter.capteurs-aipd", "s-informer.mesure-audience-conforme"]),
        act("releve-cellules-vides", "Agent de développement local, avec le service des finances", "2025-Q3", "2026-Q1", "planned",
            "Relevé géolocalisé des cellules vides mis à jour chaque année ; taux de vacance calculé", pos=0.2),
        act("page-venir-au-centre", "Conseiller en mobilité", "2025-Q4", "2026-Q2", "planned",
            "Page « Venir à Thuin » avec la montée à pied depuis la gare et les parkings", pos=0.2),
        act("jalonnement-gare-commerces", "Service travaux, avec IGRETEC", "2026-Q1", "2026-Q4", "planned",
            "Jalonnement piéton gare – ville basse – ville haute posé ; comptage avant et après", pos=0.1),
    ],
    indicators=dict(shops=95, vacancy_rate=18.5, parking_spaces=620, collection_points=3, footfall=271),
))


# --------------------------------------------------------------------------------------------
# Engine.
# --------------------------------------------------------------------------------------------

class Text(str):
    """Free text: written double-quoted (or as a literal block when it has new lines)."""


class Dumper(yaml.SafeDumper):
    """Block style with indented lists, as in docs/FORMAT.md."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _text(dumper, value):
    style = "|" if "\n" in value else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


Dumper.add_representer(Text, _text)


def jitter(slug: str, criterion: str) -> int:
    """Deterministic variation in {-1, 0, +1}, mostly 0. Depends on commune and criterion only,
    so that a later audit of the same commune starts from the same values."""
    h = int(hashlib.sha256(f"{slug}|{criterion}".encode()).hexdigest(), 16)
    return (-1, 0, 0, 0, 0, 1)[h % 6]


def resolve(profile: dict) -> dict:
    """Applies `inherits`: a later or draft audit starts from an earlier one."""
    parent = profile.get("inherits")
    if not parent:
        p = dict(profile)
        p.setdefault("inventory_extra", [])
        return p
    base = resolve(parent)
    out = dict(base)
    for k, v in profile.items():
        if k in ("inherits", "scores"):
            continue
        out[k] = v
    out["scores"] = {**base["scores"], **profile.get("scores", {})}
    out["inventory_extra"] = base.get("inventory_extra", []) + profile.get("inventory_extra", [])
    if "plan" not in profile:
        status = profile.get("plan_status", {})
        out["plan"] = [dict(p, status=status.get(p["action"], p["status"])) for p in base["plan"]]
    return out


def context(profile: dict) -> dict:
    d: dt.date = profile["date"]
    ctx = dict(CONTEXT[profile["slug"]])
    test_day = max(1, d.day - 9)
    ctx.update(
        jour=f"{test_day}{'er' if test_day == 1 else ''} {MOIS[d.month - 1]} {d.year}",
        mois=f"{MOIS[d.month - 1]} {d.year}", annee=str(d.year), annee_1=str(d.year - 1),
        centre_cap=ctx["centre"][0].upper() + ctx["centre"][1:],
        dpo_cap=ctx["dpo"][0].upper() + ctx["dpo"][1:],
        cem_e="e" if ctx["cem"].startswith("la ") else "",
        echevin=ctx.get("echevin", "l'échevin"),
        a_dpo="au " + ctx["dpo"][3:] if ctx["dpo"].startswith("le ") else "à " + ctx["dpo"],
    )
    return ctx


def round_to(x: float, step: int) -> int:
    return int(round(x / step) * step)


def in_range(rng, pos, step):
    lo, hi = rng
    v = round_to(lo + pos * (hi - lo), step) if hi > lo else lo
    return min(max(v, lo), hi)


class Problems(list):
    def add(self, where, msg):
        self.append(f"{where}: {msg}")


def build(profile: dict, m: dict, problems: Problems):
    p = resolve(profile)
    slug, aid = p["slug"], p["id"]
    where = f"communes/{slug}/audits/{aid}.yaml"
    ctx = context(p)
    criteria = {c["id"]: c for c in m["criteria"]}
    actions = {a["id"]: a for a in m["actions"]}
    source_ids = {s["id"] for s in m["sources"]}
    step_ids = [s["id"] for s in m["steps"]]

    for cid in p["scores"]:
        if cid not in criteria:
            problems.add(where, f"profile names unknown criterion {cid}")

    inventory = [dict(i) for i in INVENTORY[slug]] + [dict(i) for i in p["inventory_extra"]]
    inventory = [i for i in inventory if i["name"] not in p.get("inventory_drop", [])]
    for fix in p.get("inventory_fix", []):
        for item in inventory:
            if item["name"] == fix["name"]:
                item.update({k: v for k, v in fix.items() if k != "name"})
    held = {i["type"] for i in inventory}

    answers, levels = [], {}
    for c in m["criteria"]:
        cid = c["id"]
        fact = p["scores"].get(cid)
        evidence = None
        if isinstance(fact, tuple):
            score, evidence = fact
        elif fact is not None:
            score = fact
        else:
            b = p["base"][c["step"]][ANGLES.index(c["angle"])]
            score = min(4, max(0, b + jitter(slug, cid)))
        if evidence is None:
            tpl = T.get(cid, {})
            if score not in tpl:
                problems.add(where, f"no evidence template for {cid} at {score!r}")
                continue
            evidence = tpl[score]
        try:
            evidence = evidence.format(**ctx)
        except KeyError as e:
            problems.add(where, f"{cid}: unknown placeholder {e}")
        levels[cid] = score
        answer = {"criterion": cid, "score": score, "evidence": Text(evidence)}
        consulted = [s for s in c["sources"] if s in held]
        if consulted:
            answer["sources"] = consulted
        answers.append(answer)

    plan = []
    for a in p["plan"]:
        lib = actions.get(a["action"])
        if lib is None:
            problems.add(where, f"unknown action {a['action']}")
            continue
        fired = [t["criterion"] for t in lib["triggers"]
                 if levels.get(t["criterion"]) not in (None, "na")
                 and (0 if levels[t["criterion"]] == "inconnu" else levels[t["criterion"]]) <= t["max_level"]]
        linked = a.get("criteria") or fired
        if not linked:
            # a finished action no longer fires: keep the criteria it was planned for
            linked = [t["criterion"] for t in lib["triggers"]][:2]
        trig = {t["criterion"] for t in lib["triggers"]}
        for cid in linked:
            if cid not in trig:
                problems.add(where, f"{a['action']}: {cid} is not one of its triggers")
        if a["status"] == "planned" and not fired:
            problems.add(where, f"{a['action']} is {a['status']} but none of its triggers fires")
        pos = a["pos"]
        item = {
            "action": a["action"],
            "criteria": linked,
            "owner": Text(a["owner"]),
            "staff_days": a.get("staff_days", in_range(lib["staff_days"], pos, 1)),
            "budget_one_off": a.get("budget_one_off", in_range(lib["cost_one_off"], pos, 500)),
            "budget_yearly": a.get("budget_yearly", in_range(lib["cost_yearly"], pos, 100)),
            "start": a["start"],
            "end": a["end"],
            "status": a["status"],
            "kpi": Text(a["kpi"]),
        }
        for key, rng in (("staff_days", "staff_days"), ("budget_one_off", "cost_one_off"),
                         ("budget_yearly", "cost_yearly")):
            lo, hi = lib[rng]
            if not lo <= item[key] <= hi:
                problems.add(where, f"{a['action']}: {key} {item[key]} outside [{lo}, {hi}]")
        if a["end"] < a["start"]:
            problems.add(where, f"{a['action']}: ends before it starts")
        plan.append(item)

    for i in inventory:
        if i["type"] not in source_ids:
            problems.add(where, f"inventory: unknown source type {i['type']}")
        for s in i["steps"]:
            if s not in step_ids:
                problems.add(where, f"inventory: unknown step {s}")
        if i["personal_data"] != "none" and not i["legal_basis"] and (slug, i["name"]) not in DELIBERATE_GDPR_GAPS:
            problems.add(where, f"inventory: {i['name']} has personal data but no legal basis")
        i["name"], i["holder"], i["format"], i["refresh"] = (Text(i[k]) for k in ("name", "holder", "format", "refresh"))
        i["legal_basis"], i["citation"] = Text(i["legal_basis"]), Text(i["citation"])

    if not 4 <= len(plan) <= 8:
        problems.add(where, f"plan has {len(plan)} actions (4-8 expected)")
    if not 6 <= len(inventory) <= 12:
        problems.add(where, f"inventory has {len(inventory)} entries (6-12 expected)")

    ind = dict(p["indicators"])
    ind["footfall_source"] = Text(FOOTFALL_SOURCE)

    doc = {
        "methodology": str(m["version"]),
        "date": p["date"],
        "status": p["status"],
        "auditors": [Text(a) for a in p["auditors"]],
        "summary": Text(p["summary"]),
        "answers": answers,
        "inventory": inventory,
        "plan": plan,
        "indicators": ind,
    }
    doc["methodology"] = Text(doc["methodology"])
    return where, doc, levels


HEADER = (
    "# Démonstration — audit fictif mais plausible de la commune réelle {name} ({ins}).\n"
    "# Écrit par tools/gen_demo_audits.py puis relu ; les données réelles citées sont sourcées dans\n"
    "# l'inventaire (iRail CC0, OpenStreetMap ODbL, portails de données ouvertes des villes).\n"
)


def main(argv):
    check_only = "--check" in argv
    m = yaml.safe_load(METHODOLOGY.read_text(encoding="utf-8"))
    problems = Problems()
    outputs = []
    for profile in AUDITS:
        where, doc, levels = build(profile, m, problems)
        # every criterion exactly once, nothing else
        ids = [a["criterion"] for a in doc["answers"]]
        if sorted(ids) != sorted(c["id"] for c in m["criteria"]) or len(set(ids)) != len(ids):
            problems.add(where, "answers do not cover every criterion exactly once")
        outputs.append((where, doc, levels))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    for where, doc, levels in outputs:
        n_inc = sum(1 for v in levels.values() if v == "inconnu")
        n_na = sum(1 for v in levels.values() if v == "na")
        print(f"{where}: {len(doc['answers'])} answers ({n_inc} inconnu, {n_na} na), "
              f"{len(doc['inventory'])} inventory, {len(doc['plan'])} plan")
        if check_only:
            continue
        slug = where.split("/")[1]
        commune = yaml.safe_load((COMMUNES_DIR / slug / "commune.yaml").read_text(encoding="utf-8"))
        text = yaml.dump(doc, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100000,
                         default_flow_style=False, indent=2)
        path = ROOT / where
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER.format(name=commune["name"], ins=commune["ins"]) + text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
