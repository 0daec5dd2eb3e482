Feature: Inviting someone into the family
  The owner of an album sends /invite and gets a link. Whoever opens the link asks to join; the
  owner allows or denies with two buttons, and both are told the outcome. Photos of someone who
  joins move with them into the family album.

  Background:
    Given Alice has started the bot

  Scenario: Opening an invitation link asks the owner
    Given Bob has started the bot
    When Alice invites Bob
    Then Bob receives a message containing "I asked Alice to let you into their family album."
    And Alice is asked whether Bob may join

  Scenario: The owner allows the request
    Given Bob has started the bot
    And Alice has invited Bob
    When Alice presses "Allow"
    Then Alice sees the notice "Allowed."
    And Alice receives a message containing "✅ Bob is now in your family album."
    And Alice sees no buttons under the message
    And Bob receives a message containing "Alice let you in: you are now in Alice's family album!"
    And Alice and Bob are in the same family
    And the family of Alice has 2 members

  Scenario: The newcomer's photos move with them
    Given Bob has uploaded 2 photos
    And Alice has uploaded a photo
    And Alice has invited Bob
    When Alice allows the request
    Then Bob receives a message containing "Your 2 photos moved with you."
    And the family album of Alice holds 3 photos

  Scenario: The owner denies the request
    Given Bob has started the bot
    And Alice has invited Bob
    When Alice presses "Deny"
    Then Alice sees the notice "Denied."
    And Alice receives a message containing "❌ You did not let Bob in."
    And Bob receives a message containing "Alice did not add you to their family album this time."
    And Alice and Bob are not in the same family

  Scenario: Asking again after a refusal
    Given Alice has invited Bob
    And Alice has denied the request
    When Bob opens Alice's invitation link again
    Then Alice is asked whether Bob may join

  Scenario: Someone who never used the bot opens the link
    When Alice invites Carol
    Then Carol receives a message containing "Hi Carol!"
    And Carol receives a message containing "I asked Alice to let you into their family album."

  Scenario: A made-up invitation code
    When Bob opens an invitation link with the code "join_nonsense"
    Then Bob receives a message containing "This invitation link does not work."
    And Alice receives nothing

  Scenario: An expired invitation link
    Given invitation links expire as soon as they are made
    When Alice invites Bob
    Then Bob receives a message containing "This invitation link has expired."
    And Alice is not asked about anyone joining

  Scenario: Opening one's own invitation link
    When Alice invites Alice
    Then Alice receives a message containing "That is your own family album: you are already in it."

  Scenario: Asking twice before the owner decides
    Given Alice has invited Bob
    When Bob opens the invitation link Alice got earlier
    Then Bob receives a message containing "You have already asked to join Alice's family; they have not decided yet."
    And Alice receives nothing

  Scenario: The owner taps Allow twice
    Given Alice has invited Bob
    When Alice presses "Allow" twice quickly
    Then Alice sees the notice "Allowed."
    And Alice sees the notice "You already allowed this request."
    And Bob receives 1 message
    And the family of Alice has 2 members

  Scenario: Someone already in a family asks to join another
    Given Bob has joined Alice's family
    And Carol has started the bot
    When Carol invites Bob
    Then Bob receives a message containing "You are in Alice's family. To join another one, first send /leave."
    And Carol is not asked about anyone joining

  Scenario: An owner whose family has members asks to join another
    Given Bob has joined Alice's family
    And Carol has started the bot
    When Carol invites Alice
    Then Alice receives a message containing "first send /handover, then /leave"

  Scenario: A member joined meanwhile another family
    Given Bob and Carol have started the bot
    And Alice has invited Bob
    And Bob has joined Carol's family
    When Alice presses "Allow"
    Then Alice sees the notice "Bob has joined another family meanwhile, so this request is closed."
    And Alice receives a message containing "This request from Bob is no longer open."
    And Bob and Carol are in the same family
