Feature: Who is in the family
  Anyone can see who is in their family. A member can leave; the owner hands the album over
  before leaving a family that still has members.

  Background:
    Given Alice has started the bot

  Scenario: Someone alone sees only themselves
    When Alice presses "👪 Family"
    Then Alice receives a message containing "Your family (1 member):"
    And Alice receives a message containing "Send /invite to add someone."

  Scenario: The family lists the owner first
    Given Bob has joined Alice's family
    When Bob sends "/members"
    Then Bob receives a message containing "Your family (2 members):"
    And Bob receives a message containing "👑 Alice"
    And Bob receives a message containing "• Bob"

  Scenario: A member leaves and the photos they added stay
    Given Bob has joined Alice's family
    And Bob has uploaded a photo
    When Bob leaves the family
    Then Bob receives a message containing "You left Alice's family."
    And Alice receives a message containing "Bob left your family album. The photos they added stay."
    And Alice and Bob are not in the same family
    And the family album of Alice holds 1 photo
    And the family album of Bob holds 0 photos

  Scenario: The owner cannot leave a family with members
    Given Bob has joined Alice's family
    When Alice sends "/leave"
    Then Alice receives a message containing "Send /handover to make Bob (the longest-standing member) the owner, then /leave."
    And Alice and Bob are in the same family

  Scenario: Someone alone has nothing to leave
    When Alice sends "/leave"
    Then Alice receives a message containing "You are not in anyone else's family: this album is your own."

  Scenario: The owner hands the album over, then leaves
    Given Bob has joined Alice's family
    When Alice hands the album over
    Then Alice receives a message containing "Bob now owns the family album."
    And Bob receives a message containing "Alice made you the owner of the family album."
    And Bob owns the family album
    When Alice sends "/leave"
    Then Alice receives a message containing "You left Bob's family."
    And the family of Bob has one member
    And Alice and Bob are not in the same family

  Scenario: A family of three, and who is in it
    Given Bob and Carol have joined Alice's family
    And Carol has uploaded 2 photos
    When Carol asks who is in the family
    Then Carol receives a message containing "Your family (3 members):"
    And the family has 3 members
    And the family album holds 2 photos

  Scenario: Only the owner hands the album over
    Given Bob has joined Alice's family
    When Bob sends "/handover"
    Then Bob receives a message containing "Only the owner can hand the album over, and that is Alice."

  Scenario: Nobody to hand the album over to
    When Alice sends "/handover"
    Then Alice receives a message containing "Nobody else is in your album"
